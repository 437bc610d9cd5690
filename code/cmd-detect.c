#line 2250 "chapters/companion/11-training.nw"
/* cmd-detect.c: the detect subcommand. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "checkpoint.h"
#include "cli.h"
#include "commands.h"
#include "detect.h"
#include "files.h"

static const char *const detect_usage =
    "usage: retina detect --model MODEL (--gt INSTANCES.json |"
    " --split NAME\n         [--count N] [--seed S] | IMAGE...)"
    " --out RESULTS.json [--draw DIR]\n         [--min-score S]"
    " [--batch B] [--threads T]\n"
    "Runs MODEL on the images of an instances file, on N generated\n"
    "scenes of a split, or on image files (PNG or JPEG, any size);\n"
    "writes COCO results and, with ground truth, prints their AP.\n"
    "Range [default]:\n"
    "  --split NAME   train, val or test\n"
    "  --count N      scenes of --split, 1..1000000 [100]\n"
    "  --seed S       0..2^53 [the model's training seed]\n"
    "  --draw DIR     also draw each image's boxes into DIR [no]\n"
    "  --min-score S  smallest score drawn, 0..1 [0.3]\n"
    "  --batch B      images a forward pass, 1..256 [16]\n";

enum { DETECT_MAX_FILES = 4096 };

#line 2302 "chapters/companion/11-training.nw"
static int read_set(const char *path, train_val_t *v, char *err,
                    size_t errsize)
{
    return train_val_read(v, path, 0, err, errsize);
}
#line 2475 "chapters/companion/11-training.nw"
static int read_files(const char *const *paths, int n,
                      const char *const *names, int ncls,
                      train_val_t *v, char *err, size_t errsize)
{
    size_t npix = (size_t)SCENE_CHANNELS * SCENE_SIZE * SCENE_SIZE;
    memset(v, 0, sizeof *v);
    coco_init(&v->gt, "");
    for (int c = 0; c < ncls; c++)
        coco_add_category(&v->gt, c + 1, names[c]);
    v->images = malloc((size_t)n * npix * sizeof(float));
    v->fit = malloc((size_t)n * sizeof *v->fit);
    if (!v->images || !v->fit)
        return errf(err, errsize, "out of memory");
    for (int i = 0; i < n; i++) {
        const char *base = strrchr(paths[i], '/');
        image_t img;
        base = base ? base + 1 : paths[i];
        if (image_read(paths[i], &img, err, errsize)) return -1;
        int bad = train_letterbox(&img, v->images + i * npix,
                                  v->fit[i])
                  || coco_add_image(&v->gt, base, img.w, img.h, NULL,
                                    0);
        image_free(&img);
        if (bad) return errf(err, errsize, "out of memory");
        v->count++;
    }
    return 0;
}
#line 2513 "chapters/companion/11-training.nw"
static int map_classes(const char *path, const coco_t *gt,
                       const char *const *model, int ncls,
                       detection_list_t *dl, char *err, size_t errsize)
{
    int rank[COCO_MAX_CATEGORIES], n = 0;
    char names[256] = "";
    for (int c = 0; c < ncls && c < COCO_MAX_CATEGORIES; c++) {
        rank[c] = -1;
        snprintf(names + strlen(names), sizeof names - strlen(names),
                 "%s%s", c ? ", " : "", model[c]);
    }
    for (int k = 0; k < gt->ncategories; k++) {
        const char *name = gt->categories[k].name;
        int c = 0;
        while (c < ncls && strcmp(name, model[c])) c++;
        if (c == ncls)
            return errf(err, errsize, "%s: category \"%s\" is not one "
                        "of the model's classes (%s)", path, name,
                        names);
        if (rank[c] >= 0)
            return errf(err, errsize, "%s: two categories are named "
                        "\"%s\"", path, name);
        rank[c] = k;
    }
    for (int i = 0; i < dl->count; i++)
        if (rank[dl->items[i].cls] >= 0) {
            dl->items[n] = dl->items[i];
            dl->items[n++].cls = rank[dl->items[i].cls];
        }
    dl->count = n;
    return 0;
}
#line 2313 "chapters/companion/11-training.nw"
static int draw_all(const char *dir, const train_val_t *v, int files,
                    const char *const *paths,
                    const detection_list_t *dl, double min_score,
                    const char *const *inputs, char *err,
                    size_t errsize)
{
    char *path = NULL;
    int d = 0, bad = mkdir(dir, 0777) && errno != EEXIST;
    if (bad) snprintf(err, errsize, "%s: cannot make the folder", dir);
    for (int i = 0; i < v->count && !bad; i++) {
        const coco_image_t *im = &v->gt.images[i];
        image_t img = {0, 0, NULL};
        int first = d;
        while (d < dl->count && dl->items[d].image_id == im->id) d++;
        path = paths ? strdup(paths[i])
                     : path_join(v->gt.dir, im->file_name);
        if (path == NULL)
            return errf(err, errsize, "out of memory");
        bad = files || paths ? image_read(path, &img, err, errsize)
                    : image_alloc(&img, SCENE_SIZE, SCENE_SIZE);
        free(path);
        if (bad) break;
        if (!files && !paths)
            image_from_chw(&img, v->images + (size_t)i * SCENE_CHANNELS
                                 * SCENE_SIZE * SCENE_SIZE);
        detect_draw(&img, dl->items + first, d - first, min_score, 1);
        char *base = path_join(dir, im->file_name);
        path = base && paths ? malloc(strlen(base) + 5) : base;
        if (path && paths) sprintf(path, "%s.png", base);
        if (paths) free(base);
        bad = path == NULL ? errf(err, errsize, "out of memory")
              : out_check(path, inputs, 3, err, errsize)
                || image_write_png(path, &img, err, errsize);
        free(path);
        image_free(&img);
    }
    return bad ? -1 : 0;
}
#line 2356 "chapters/companion/11-training.nw"
int cmd_detect(int argc, char **argv)
{
    const char *cmd = "detect", *model = NULL, *gtp = NULL,
               *split = NULL, *out = NULL, *draw = NULL;
    long count = 100, seed = -1, batch = 16,
         threads = cli_threads_default();
    double min_score = 0.3;
    const char *files[DETECT_MAX_FILES];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        
#line 2374 "chapters/companion/11-training.nw"
const char *f = argv[i], *v, **sv;
if (cli_is_help(f)) {
    printf("%s  --threads T    1..%d [processors available: %ld]\n",
           detect_usage, CLI_MAX_THREADS, cli_threads_default());
    return 0;
}
if (f[0] != '-') {                  /* an image file */
    if (nfiles == DETECT_MAX_FILES)
        return cli_usage(cmd, "%s: at most %d images at a time",
                         cli_shown(f), DETECT_MAX_FILES);
    files[nfiles++] = f;
    continue;
}
sv = !strcmp(f, "--model") ? &model : !strcmp(f, "--gt") ? &gtp
     : !strcmp(f, "--split") ? &split : !strcmp(f, "--out") ? &out
     : !strcmp(f, "--draw") ? &draw : NULL;
long *lv = !strcmp(f, "--count") ? &count : !strcmp(f, "--seed") ? &seed
           : !strcmp(f, "--batch") ? &batch
           : !strcmp(f, "--threads") ? &threads : NULL;
if (!sv && !lv && strcmp(f, "--min-score"))
    return cli_usage(cmd, "%s: unknown flag", cli_shown(f));
if ((v = cli_value(cmd, argc, argv, &i)) == NULL)
    return EXIT_USAGE;
if (sv) *sv = v;
else if (lv == &count || lv == &batch || lv == &threads) {
    if (cli_long(cmd, f, v, 1, lv == &count ? 1000000 : lv == &batch
                 ? TRAIN_MAX_BATCH : 64, lv))
        return EXIT_USAGE;
} else if (lv ? cli_long(cmd, f, v, 0, 9007199254740992L, lv)
              : cli_double(cmd, f, v, 0, 1, &min_score))
    return EXIT_USAGE;
#line 2367 "chapters/companion/11-training.nw"
    }
    
#line 2426 "chapters/companion/11-training.nw"
if (!model || !out || (gtp != NULL) + (split != NULL) + (nfiles > 0)
                      != 1)
    return cli_usage(cmd, "--model, --out and one of --gt, --split or "
                     "IMAGE files are required\n%s", detect_usage);
int sp = split ? scene_split_parse(split) : 0;
if (sp < 0)
    return cli_usage(cmd, "--split: %s: give train, val or test",
                     cli_shown(split));
#line 2444 "chapters/companion/11-training.nw"
char why[DATA_ERR_SIZE], *images = gtp ? path_folder(gtp) : NULL;
const char *in[] = {model, gtp, out, images, draw};
int bad = gtp && !images ? (snprintf(why, sizeof why, "out of"
                                     " memory"), EXIT_FAIL)
    : out_check(out, (const char *const[]){model, gtp, draw}, 3, why,
                sizeof why);
if (!bad && draw) bad = out_check_dir(draw, in, 4, why, sizeof why);
free(images);
if (bad) return out_refuse(cmd, bad, why);
if (cli_check_only()) return 0;
#line 2369 "chapters/companion/11-training.nw"
    
#line 2548 "chapters/companion/11-training.nw"
checkpoint_t ck;
net_t net;
layer_ctx_t ctx;
train_val_t set;
detection_list_t dl = {0};
eval_t e;
char err[DATA_ERR_SIZE];
const char *names[COCO_MAX_CATEGORIES];
if (checkpoint_read(model, &ck, err, sizeof err))
    return cli_fail(cmd, "%s", err);
int ncls = checkpoint_names(&ck, names);
int st = checkpoint_net(&net, &ck, (int)batch);
if (st || layer_ctx_init(&ctx, net_scratch_size(&net))
    || layer_ctx_set_threads(&ctx, (int)threads))
    return cli_fail(cmd, "out of memory");
st = nfiles ? read_files(files, nfiles, names, ncls, &set, err,
                        sizeof err)
     : gtp ? read_set(gtp, &set, err, sizeof err)
     : train_val_open(&set, &ck.cfg.scenes, seed >= 0
                      ? (uint64_t)seed : ck.cfg.seed, sp, (int)count)
       ? (snprintf(err, sizeof err, "out of memory"), -1) : 0;
st = st || train_detect(&ctx, &net, &ck.cfg.anchors, &set, &dl)
     || map_classes(gtp ? gtp : "the model", &set.gt, names, ncls,
                    &dl, err, sizeof err);
if (!st && nfiles) {
    printf("%d images, %d detections\n", set.count, dl.count);
} else if (!st && (st = eval_run(&set.gt, dl.items, dl.count, &e, err,
                                 sizeof err)) == 0) {
    printf("%d images, %d detections: AP %.3f  AP50 %.3f  AP75 %.3f\n",
           set.count, dl.count, e.ap[EVAL_AP], e.ap[EVAL_AP50],
           e.ap[EVAL_AP75]);
    eval_free(&e);
}
st = st || eval_write_results(out, &set.gt, dl.items, dl.count, err,
                              sizeof err)
     || (draw && draw_all(draw, &set, gtp != NULL,
                          nfiles ? files : NULL, &dl, min_score, in,
                          err, sizeof err));
checkpoint_free(&ck);
detection_list_free(&dl);
train_val_free(&set);
layer_ctx_free(&ctx);
net_free(&net);
return st ? cli_fail(cmd, "%s", err) : 0;
#line 2370 "chapters/companion/11-training.nw"
}

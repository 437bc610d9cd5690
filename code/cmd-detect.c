#line 1699 "chapters/companion/11-training.nw"
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

#line 1749 "chapters/companion/11-training.nw"
static int read_set(const char *path, train_val_t *v, char *err,
                    size_t errsize)
{
    scene_t *s = malloc(sizeof *s);
    size_t npix = sizeof s->pixels / sizeof(float);
    memset(v, 0, sizeof *v);
    if (!s || coco_read(path, NULL, &v->gt, err, errsize)) {
        free(s);
        return -1;
    }
    v->images = malloc(((size_t)v->gt.nimages + 1) * npix
                       * sizeof(float));
    int bad = !v->images;
    for (int i = 0; i < v->gt.nimages && !bad; i++) {
        bad = coco_scene(&v->gt, i, s, err, errsize) != 0;
        if (!bad) memcpy(v->images + i * npix, s->pixels,
                         sizeof s->pixels);
    }
    v->count = v->gt.nimages;
    free(s);
    return bad ? -1 : 0;
}
#line 1937 "chapters/companion/11-training.nw"
static int pad_image(const char *path, float *pixels, int size[4],
                     char *err, size_t errsize);

static int read_files(const char *const *paths, int n, train_val_t *v,
                      int (**sizes)[4], char *err, size_t errsize)
{
    size_t npix = (size_t)SCENE_CHANNELS * SCENE_SIZE * SCENE_SIZE;
    memset(v, 0, sizeof *v);
    coco_init(&v->gt, "");
    for (int c = 0; c < SCENE_CLASSES; c++)
        coco_add_category(&v->gt, c + 1, scene_class_name(c));
    v->images = malloc((size_t)n * npix * sizeof(float));
    *sizes = malloc((size_t)n * sizeof **sizes);
    if (!v->images || !*sizes)
        return errf(err, errsize, "out of memory");
    for (int i = 0; i < n; i++) {
        const char *base = strrchr(paths[i], '/');
        base = base ? base + 1 : paths[i];
        if (pad_image(paths[i], v->images + i * npix, (*sizes)[i], err,
                      errsize)
            || coco_add_image(&v->gt, base, 0, 0, NULL, 0))
            return -1;
        v->count++;
    }
    return 0;
}
#line 1969 "chapters/companion/11-training.nw"
static int pad_image(const char *path, float *pixels, int size[4],
                     char *err, size_t errsize)
{
    image_t img;
    if (image_read(path, &img, err, errsize)) return -1;
    int w = img.w, h = img.h, side = w > h ? w : h;
    int ws = (int)lround((double)w * SCENE_SIZE / side);
    int hs = (int)lround((double)h * SCENE_SIZE / side);
    ws = ws < 1 ? 1 : ws;
    hs = hs < 1 ? 1 : hs;
    float *chw = malloc(sizeof(float) * 3 * (size_t)w * h);
    float *small = malloc(sizeof(float) * 3 * (size_t)ws * hs);
    if (!chw || !small) {
        free(chw); free(small); image_free(&img);
        return errf(err, errsize, "%s: out of memory", path);
    }
    image_to_chw(&img, chw);
    chw_resize(chw, 3, h, w, small, hs, ws);
    for (int c = 0; c < 3; c++)
        for (int y = 0; y < SCENE_SIZE; y++)
            for (int x = 0; x < SCENE_SIZE; x++)
                pixels[(c * SCENE_SIZE + y) * SCENE_SIZE + x]
                    = y < hs && x < ws
                      ? small[((size_t)c * hs + y) * ws + x] : 0.5f;
    size[0] = w; size[1] = h; size[2] = ws; size[3] = hs;
    free(chw); free(small); image_free(&img);
    return 0;
}

static void unpad(int (*size)[4], detection_list_t *dl)
{
    int n = 0;
    for (int i = 0; i < dl->count; i++) {
        detection_t d = dl->items[i];
        const int *z = size[d.image_id - 1];
        double fx = (double)z[0] / z[2], fy = (double)z[1] / z[3];
        d.x1 = (float)fmin(d.x1 * fx, z[0]);
        d.x2 = (float)fmin(d.x2 * fx, z[0]);
        d.y1 = (float)fmin(d.y1 * fy, z[1]);
        d.y2 = (float)fmin(d.y2 * fy, z[1]);
        if (d.x2 > d.x1 && d.y2 > d.y1) dl->items[n++] = d;
    }
    dl->count = n;
}
#line 2022 "chapters/companion/11-training.nw"
static int map_classes(const char *path, const coco_t *gt, int ncls,
                       detection_list_t *dl, char *err, size_t errsize)
{
    int rank[COCO_MAX_CATEGORIES], n = 0;
    char names[256] = "";
    for (int c = 0; c < ncls && c < COCO_MAX_CATEGORIES; c++) {
        rank[c] = -1;
        snprintf(names + strlen(names), sizeof names - strlen(names),
                 "%s%s", c ? ", " : "", scene_class_name(c));
    }
    for (int k = 0; k < gt->ncategories; k++) {
        const char *name = gt->categories[k].name;
        int c = 0;
        while (c < ncls && strcmp(name, scene_class_name(c))) c++;
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
#line 1777 "chapters/companion/11-training.nw"
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
#line 1820 "chapters/companion/11-training.nw"
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
        
#line 1838 "chapters/companion/11-training.nw"
const char *f = argv[i], *v, **sv;
if (cli_is_help(f)) {
    printf("%s  --threads T    1..%d [processors available: %ld]\n",
           detect_usage, CLI_MAX_THREADS, cli_threads_default());
    return 0;
}
if (f[0] != '-') {                  /* an image file */
    if (nfiles == DETECT_MAX_FILES)
        return cli_usage(cmd, "%s: at most %d images at a time", f,
                         DETECT_MAX_FILES);
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
#line 1831 "chapters/companion/11-training.nw"
    }
    
#line 1890 "chapters/companion/11-training.nw"
if (!model || !out || (gtp != NULL) + (split != NULL) + (nfiles > 0)
                      != 1)
    return cli_usage(cmd, "--model, --out and one of --gt, --split or "
                     "IMAGE files are required\n%s", detect_usage);
int sp = split ? scene_split_parse(split) : 0;
if (sp < 0)
    return cli_usage(cmd, "--split: %s: give train, val or test",
                     split);
#line 1908 "chapters/companion/11-training.nw"
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
#line 1833 "chapters/companion/11-training.nw"
    
#line 2056 "chapters/companion/11-training.nw"
checkpoint_t ck;
net_t net;
layer_ctx_t ctx;
train_val_t set;
detection_list_t dl = {0};
eval_t e;
char err[DATA_ERR_SIZE];
if (checkpoint_read(model, &ck, err, sizeof err))
    return cli_fail(cmd, "%s", err);
int st = checkpoint_net(&net, &ck, (int)batch);
checkpoint_free(&ck);
if (st || layer_ctx_init(&ctx, net_scratch_size(&net))
    || layer_ctx_set_threads(&ctx, (int)threads))
    return cli_fail(cmd, "out of memory");
int (*sizes)[4] = NULL;
st = nfiles ? read_files(files, nfiles, &set, &sizes, err, sizeof err)
     : gtp ? read_set(gtp, &set, err, sizeof err)
     : train_val_open(&set, &ck.cfg.scenes, seed >= 0
                      ? (uint64_t)seed : ck.cfg.seed, sp, (int)count)
       ? (snprintf(err, sizeof err, "out of memory"), -1) : 0;
st = st || train_detect(&ctx, &net, &ck.cfg.anchors, &set, &dl)
     || map_classes(gtp ? gtp : "the model", &set.gt,
                    net.cfg.num_classes, &dl, err, sizeof err);
if (!st && nfiles) {
    unpad(sizes, &dl);
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
free(sizes);
detection_list_free(&dl);
train_val_free(&set);
layer_ctx_free(&ctx);
net_free(&net);
return st ? cli_fail(cmd, "%s", err) : 0;
#line 1834 "chapters/companion/11-training.nw"
}

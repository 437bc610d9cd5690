#line 36 "chapters/companion/06-data.nw"
/* cmd-data.c: the data subcommand: write or check a data set. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "coco.h"
#include "commands.h"
#include "files.h"

static const char *const data_usage =
    "usage: retina data --out DIR [--split train|val|test]"
    " [--count N] [--seed S]\n"
    "         [--image-sizes WxH,...] [--category-ids R,E,T]\n"
    "       retina data --check FILE.json [--images DIR]\n";

#line 109 "chapters/companion/06-data.nw"
enum { DATA_MAX_SIZES = 16 };
typedef struct {
    int nsizes, size[DATA_MAX_SIZES][2];   /* width, height */
    long ids[SCENE_CLASSES];               /* of each class */
} data_layout_t;

static int parse_sizes(const char *v, data_layout_t *lay)
{
    const char *p = v;
    lay->nsizes = 0;
    for (;;) {
        int w, h, end = 0;
        if (lay->nsizes == DATA_MAX_SIZES
            || sscanf(p, "%dx%d%n", &w, &h, &end) != 2 || end == 0
            || w < 8 || h < 8 || w > 4096 || h > 4096)
            return cli_usage("data", "--image-sizes: %s: give up to %d"
                             " sizes WxH, 8 to 4096 pixels each,"
                             " separated by commas", cli_shown(v),
                             DATA_MAX_SIZES);
        lay->size[lay->nsizes][0] = w;
        lay->size[lay->nsizes++][1] = h;
        p += end;
        if (*p == '\0') return 0;
        if (*p++ != ',') p = "";
    }
}
#line 138 "chapters/companion/06-data.nw"
static int parse_ids(const char *v, data_layout_t *lay)
{
    long *id = lay->ids;
    int end = 0;
    if (sscanf(v, "%ld,%ld,%ld%n", &id[0], &id[1], &id[2], &end) != 3
        || v[end] != '\0' || id[0] < 1 || id[1] < 1 || id[2] < 1
        || id[0] > 1000000000 || id[1] > 1000000000
        || id[2] > 1000000000 || id[0] == id[1] || id[0] == id[2]
        || id[1] == id[2])
        return cli_usage("data", "--category-ids: %s: give three"
                         " distinct ids from 1 to 1000000000, of the"
                         " rectangle, the ellipse and the triangle",
                         cli_shown(v));
    return 0;
}
#line 194 "chapters/companion/06-data.nw"
static int write_split(const char *out, int split, long count,
                       uint64_t seed, const data_layout_t *lay)
{
    char *path = NULL, err[DATA_ERR_SIZE], name[64];
    int bad = out_check_dir(out, NULL, 0, err, sizeof err);
    if (bad) return out_refuse("data", bad, err);
    if (strlen(out) >= COCO_FILE_SIZE)
        return cli_usage("data", "%s: a folder name longer than %d"
                         " bytes", out, COCO_FILE_SIZE - 1);
    if (cli_check_only()) return 0;
    if (mkdir(out, 0777) != 0 && errno != EEXIST)
        return cli_fail("data", "%s: %s", out, strerror(errno));
    scene_config_t cfg = scene_config_default();
    scene_t *s = malloc(sizeof *s);
    image_t img = {0, 0, NULL};
    coco_t set;
    float *chw = NULL;
    int st = s == NULL, rank[SCENE_CLASSES];
    coco_init(&set, out);
    
#line 160 "chapters/companion/06-data.nw"
for (int k = 0; k < SCENE_CLASSES; k++) {
    rank[k] = 0;
    for (int j = 0; j < SCENE_CLASSES; j++)
        rank[k] += lay->ids[j] < lay->ids[k];
}
for (int r = 0; r < SCENE_CLASSES && !st; r++)
    for (int k = 0; k < SCENE_CLASSES; k++)
        if (rank[k] == r)
            st = coco_add_category(&set, lay->ids[k],
                                   scene_class_name(k));
#line 214 "chapters/companion/06-data.nw"
    snprintf(err, sizeof err, "out of memory");
    for (long i = 0; i < count && !st; i++) {
        int w = lay->size[i % lay->nsizes][0];
        int h = lay->size[i % lay->nsizes][1];
        scene_generate(&cfg, seed, split, i, s);
        
#line 175 "chapters/companion/06-data.nw"
if (img.w != w || img.h != h) {
    float *more = realloc(chw, sizeof(float) * 3 * (size_t)w * h);
    image_free(&img);
    if (more == NULL || image_alloc(&img, w, h)) st = 1;
    else chw = more;
}
if (!st) {
    chw_resize(s->pixels, 3, SCENE_SIZE, SCENE_SIZE, chw, h, w);
    image_from_chw(&img, chw);
    objects_resize(s->objects, s->count, SCENE_SIZE, SCENE_SIZE, w, h);
}
#line 220 "chapters/companion/06-data.nw"
        snprintf(name, sizeof name, "%s-%06ld.png",
                 scene_split_name(split), i);
        for (int j = 0; j < s->count; j++)
            s->objects[j].cls = rank[s->objects[j].cls];
        st = st || (path = path_join(out, name)) == NULL
          || image_write_png(path, &img, err, sizeof err)
          || coco_add_image(&set, name, w, h, s->objects, s->count);
        free(path);
        path = NULL;
    }
    free(chw);
    snprintf(name, sizeof name, "instances_%s.json",
             scene_split_name(split));
    if (!st && (path = path_join(out, name)) == NULL) st = 1;
    if (!st) st = coco_write(&set, path, err, sizeof err);
    free(path);
    coco_free(&set);
    image_free(&img);
    free(s);
    return st ? cli_fail("data", "%s", err) : 0;
}
#line 244 "chapters/companion/06-data.nw"
static int check_data(const char *json, const char *images)
{
    char err[DATA_ERR_SIZE];
    coco_t set;
    if (coco_read(json, images, &set, err, sizeof err) != 0)
        return cli_fail("data", "%s", err);
    int st = 0;
    for (int i = 0; i < set.nimages && !st; i++)
        st = coco_scene(&set, i, NULL, err, sizeof err);
    if (!st)
        printf("%s: %d images, %d objects, %d categories\n", json,
               set.nimages, set.nobjects, set.ncategories);
    coco_free(&set);
    return st ? cli_fail("data", "%s", err) : 0;
}
#line 2525 "chapters/companion/06-data.nw"
static void data_help(void)
{
    printf("%sWrites N generated scenes as PNG files and the COCO"
           " instances\nfile DIR/instances_SPLIT.json; or checks a"
           " COCO instances file\nand its images.  Range [default]:\n"
           "  --split NAME   train, val or test [train]\n"
           "  --count N      1..10000000 [100]\n"
           "  --seed S       0..2147483647 [%u, the book's]\n"
           "  --image-sizes WxH,...  sizes the images take in turn,"
           " up to 16,\n                 8..4096 each [128x128]\n"
           "  --category-ids R,E,T   ids of the rectangle, ellipse and"
           "\n                 triangle categories [1,2,3]\n"
           "  --images DIR   where --check finds the images [the"
           " folder of\n                 FILE.json]\n", data_usage,
           SCENE_SEED);
}
#line 61 "chapters/companion/06-data.nw"
int cmd_data(int argc, char **argv)
{
    const char *cmd = "data", *out = NULL, *check = NULL;
    const char *images = NULL;
    long count = 100, seed = SCENE_SEED;
    int split = SCENE_TRAIN;
    data_layout_t lay = {1, {{SCENE_SIZE, SCENE_SIZE}}, {1, 2, 3}};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (cli_is_help(a)) { data_help(); return 0; }
        if ((v = cli_value(cmd, argc, argv, &i)) == NULL)
            return EXIT_USAGE;
        if (strcmp(a, "--out") == 0) out = v;
        else if (strcmp(a, "--check") == 0) check = v;
        else if (strcmp(a, "--images") == 0) images = v;
        else if (strcmp(a, "--image-sizes") == 0) {
            if (parse_sizes(v, &lay)) return EXIT_USAGE;
        } else if (strcmp(a, "--category-ids") == 0) {
            if (parse_ids(v, &lay)) return EXIT_USAGE;
        }
        else if (strcmp(a, "--split") == 0) {
            if ((split = scene_split_parse(v)) < 0)
                return cli_usage(cmd, "--split: '%s' is not train, val"
                                 " or test", v);
        } else if (strcmp(a, "--count") == 0) {
            if (cli_long(cmd, a, v, 1, 10000000, &count)) return 2;
        } else if (strcmp(a, "--seed") == 0) {
            if (cli_long(cmd, a, v, 0, 0x7fffffffL, &seed)) return 2;
        } else
            return cli_usage(cmd, "%s: unknown flag (try --help)",
                             cli_shown(a));
    }
    if (check)
        return cli_check_only() ? 0 : check_data(check, images);
    if (out == NULL) return cli_usage(cmd, "--out: is required");
    return write_split(out, split, count, (uint64_t)seed, &lay);
}

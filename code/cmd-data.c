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
    "       retina data --check FILE.json [--images DIR]\n";

#line 98 "chapters/companion/06-data.nw"
static int write_split(const char *out, int split, long count,
                       uint64_t seed)
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
    image_t img;
    coco_t set;
    int st = s == NULL || image_alloc(&img, SCENE_SIZE, SCENE_SIZE);
    coco_init(&set, out);
    for (int k = 0; k < SCENE_CLASSES && !st; k++)
        st = coco_add_category(&set, k + 1, scene_class_name(k));
    snprintf(err, sizeof err, "out of memory");
    for (long i = 0; i < count && !st; i++) {
        scene_generate(&cfg, seed, split, i, s);
        image_from_chw(&img, s->pixels);
        snprintf(name, sizeof name, "%s-%06ld.png",
                 scene_split_name(split), i);
        st = (path = path_join(out, name)) == NULL
          || image_write_png(path, &img, err, sizeof err)
          || coco_add_image(&set, name, SCENE_SIZE, SCENE_SIZE,
                            s->objects, s->count);
        free(path);
        path = NULL;
    }
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
#line 144 "chapters/companion/06-data.nw"
static int check_data(const char *json, const char *images)
{
    char err[DATA_ERR_SIZE];
    coco_t set;
    if (coco_read(json, images, &set, err, sizeof err) != 0)
        return cli_fail("data", "%s", err);
    scene_t *s = malloc(sizeof *s);
    int st = s == NULL;
    for (int i = 0; i < set.nimages && !st; i++)
        st = coco_scene(&set, i, s, err, sizeof err);
    if (!st)
        printf("%s: %d images, %d objects, %d categories\n", json,
               set.nimages, set.nobjects, set.ncategories);
    free(s);
    coco_free(&set);
    return st ? cli_fail("data", "%s", err) : 0;
}
#line 2414 "chapters/companion/06-data.nw"
static void data_help(void)
{
    printf("%sWrites N generated scenes as PNG files and the COCO"
           " instances\nfile DIR/instances_SPLIT.json; or checks a"
           " COCO instances file\nand its images.  Range [default]:\n"
           "  --split NAME   train, val or test [train]\n"
           "  --count N      1..10000000 [100]\n"
           "  --seed S       0..2147483647 [%u, the book's]\n"
           "  --images DIR   where --check finds the images [the"
           " folder of\n                 FILE.json]\n", data_usage,
           SCENE_SEED);
}
#line 59 "chapters/companion/06-data.nw"
int cmd_data(int argc, char **argv)
{
    const char *cmd = "data", *out = NULL, *check = NULL;
    const char *images = NULL;
    long count = 100, seed = SCENE_SEED;
    int split = SCENE_TRAIN;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (cli_is_help(a)) { data_help(); return 0; }
        if ((v = cli_value(cmd, argc, argv, &i)) == NULL)
            return EXIT_USAGE;
        if (strcmp(a, "--out") == 0) out = v;
        else if (strcmp(a, "--check") == 0) check = v;
        else if (strcmp(a, "--images") == 0) images = v;
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
    return write_split(out, split, count, (uint64_t)seed);
}

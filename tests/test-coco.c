#line 2017 "chapters/companion/06-data.nw"
/* test-coco.c: COCO files round-trip; broken ones are refused. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "coco.h"

static char dir[] = "/tmp/test-coco-XXXXXX", err[DATA_ERR_SIZE];

#line 2045 "chapters/companion/06-data.nw"
static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f) { fputs(text, f); fclose(f); }
    return path;
}
#line 2056 "chapters/companion/06-data.nw"
static void check_round_trip(check_t *c)
{
    coco_t out, in;
    scene_config_t cfg = scene_config_default();
    coco_init(&out, dir);
    for (int k = 0; k < SCENE_CLASSES; k++)
        coco_add_category(&out, k + 1, scene_class_name(k));
    for (long i = 0; i < 50; i++) {
        object_t o[SCENE_MAX_OBJECTS];
        int n = scene_objects(&cfg, 3, SCENE_VAL, i, o);
        char name[32];
        snprintf(name, sizeof name, "val-%06ld.png", i);
        coco_add_image(&out, name, SCENE_SIZE, SCENE_SIZE, o, n);
    }
    out.crowd[1] = 1;               /* a crowd, and a mask's area */
    out.area[2] = 12.5;
    const char *path = write_file("rt.json", "");
    check_true(c, coco_write(&out, path, err, sizeof err) == 0,
               "write a COCO file");
    int ok = coco_read(path, NULL, &in, err, sizeof err) == 0;
    check_true(c, ok, "read it back: %s", ok ? "" : err);
    check_true(c, ok && in.nimages == 50 && in.nobjects == out.nobjects
               && in.ncategories == 3 && strcmp(in.dir, dir) == 0
               && strcmp(in.categories[1].name, "ellipse") == 0,
               "the counts, names and directory agree");
    check_true(c, ok && memcmp(in.objects, out.objects,
                               sizeof(object_t) * out.nobjects) == 0
               && memcmp(in.images, out.images,
                         sizeof(coco_image_t) * 50) == 0,
               "every box and image record is the same");
    int same = ok;                  /* areas: cJSON's 15 digits */
    for (int j = 0; same && j < out.nobjects; j++)
        same = fabs(in.area[j] - out.area[j]) <= 1e-13 * out.area[j];
    check_true(c, same && memcmp(in.crowd, out.crowd, out.nobjects) == 0
               && in.crowd[1] == 1 && in.area[2] == 12.5,
               "crowd flags and areas are the same");
    coco_free(&in);
    coco_free(&out);
    remove(path);
}
#line 2103 "chapters/companion/06-data.nw"
#define IMG "{\"id\":1,\"file_name\":\"a.png\"," \
            "\"width\":64,\"height\":48}"
#define CAT "{\"id\":1,\"name\":\"rectangle\"}"
#define ANN "{\"id\":7,\"image_id\":1,\"category_id\":1," \
            "\"bbox\":[1,2,3,4]}"
static const struct { const char *img, *ann, *cat, *whole, *want; }
cases[] = {
    
#line 2141 "chapters/companion/06-data.nw"
{0, 0, 0, "{\"images\": [{\"id\": 1,", ":1: not valid JSON"},
{0, 0, 0, "{\"images\": {}, \"annotations\": [], \"categories\": "
 "{}}", "\"categories\" is not an array"},
{"{\"id\":1,\"width\":64,\"height\":48}", 0, 0, 0,
 "image 1: \"file_name\""},
{"{\"id\":1,\"file_name\":\"../a.png\",\"width\":64,\"height\":48}",
 0, 0, 0, "image 1: \"file_name\""},
{"{\"id\":1,\"file_name\":\"a.png\",\"width\":\"64\",\"height\":48}",
 0, 0, 0, "image 1: \"width\" is not a whole number"},
{"{\"id\":1,\"file_name\":\"a.png\",\"width\":64,\"height\":1e6}",
 0, 0, 0, "image 1: \"height\" = 1e+06 is not in"},
{"{\"file_name\":\"a.png\",\"width\":64,\"height\":48}", 0, 0, 0,
 "image #0: missing \"id\""},
{IMG "," IMG, "", 0, 0, "image 1: duplicate id"},
{0, "{\"id\":7,\"image_id\":1,\"category_id\":4,\"bbox\":[1,2,3,4]}",
 0, 0, "annotation 7: unknown category_id 4"},
{0, "{\"id\":7,\"image_id\":2,\"category_id\":1,\"bbox\":[1,2,3,4]}",
 0, 0, "annotation 7: unknown image_id 2"},
{0, "{\"id\":7,\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,-3,4]}",
 0, 0, "annotation 7: bbox width -3"},
{0, "{\"id\":7,\"image_id\":1,\"category_id\":1,\"bbox\":[60,2,8,4]}",
 0, 0, "annotation 7: bbox [60, 2, 8, 4] leaves image 1"},
{0, "{\"id\":7,\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,3]}",
 0, 0, "annotation 7: \"bbox\" is not"},
{0, "{\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,3,4]}", 0, 0,
 "annotation #0: missing \"id\""},
{0, 0, "{\"id\":1}", 0, "category 1: \"name\""},
{0, 0, 0, 0, "image 1: /tmp/test-coco-"},
#line 2174 "chapters/companion/06-data.nw"
{0, "{\"id\":7,\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,3,4],"
 "\"iscrowd\":2}", 0, 0, "annotation 7: \"iscrowd\" = 2 is not in"},
{0, "{\"id\":7,\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,3,4],"
 "\"iscrowd\":true}", 0, 0, "annotation 7: \"iscrowd\" is not a"},
{0, "{\"id\":7,\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,3,4],"
 "\"area\":-1}", 0, 0, "annotation 7: \"area\" = -1 is not in"},
#line 2111 "chapters/companion/06-data.nw"
};

static void check_broken_files(check_t *c)
{
    char text[1024];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(text, sizeof text, "{\"images\":[%s],\"annotations\":"
                 "[%s],\"categories\":[%s]}",
                 cases[i].img ? cases[i].img : IMG,
                 cases[i].ann ? cases[i].ann : ANN,
                 cases[i].cat ? cases[i].cat : CAT);
        const char *path = write_file("bad.json", cases[i].whole
                                      ? cases[i].whole : text);
        coco_t d;
        scene_t *s = malloc(sizeof *s);
        int st = coco_read(path, NULL, &d, err, sizeof err);
        if (st == 0) {
            st = coco_scene(&d, 0, s, err, sizeof err);
            coco_free(&d);
        }
        check_true(c, st != 0 && strstr(err, cases[i].want)
                   && (strstr(err, "bad.json") || strstr(err, "a.png")),
                   "refused with '%s': %s", cases[i].want, err);
        free(s);
        remove(path);
    }
}

#line 2033 "chapters/companion/06-data.nw"
int main(void)
{
    check_t c = {"coco", 0, 0};
    if (mkdtemp(dir) == NULL) return 1;
    check_round_trip(&c);
    check_broken_files(&c);
    rmdir(dir);
    return check_finish(&c);
}

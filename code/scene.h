#line 58 "chapters/06-data.nw"
/* scene.h: synthetic scenes of shapes, deterministic from a seed. */
#ifndef SCENE_H
#define SCENE_H
#include <stddef.h>
#include <stdint.h>
#include "image.h"

enum { SCENE_SIZE = 128, SCENE_CHANNELS = 3, SCENE_MAX_OBJECTS = 32,
       SCENE_CLASSES = 3, SCENE_MAX_DISTRACTORS = 16 };
enum { SCENE_RECTANGLE, SCENE_ELLIPSE, SCENE_TRIANGLE };
enum { SCENE_TRAIN, SCENE_VAL, SCENE_TEST, SCENE_SPLITS };
#define SCENE_SEED 2017u    /* the book's seed */

#line 85 "chapters/06-data.nw"
typedef struct {
    int min_objects, max_objects;  /* count uniform in [min, max] */
    double min_size, max_size;     /* sqrt(w h), log-uniform, pixels */
    double max_aspect;             /* w/h log-uniform in [1/a, a] */
    double max_iou;                /* overlap allowed between boxes */
    int max_distractors;           /* count uniform in [0, max] */
    double contrast;               /* least RGB distance of a colour */
    double gradient, texture, noise;  /* background and pixel noise */
} scene_config_t;
#line 102 "chapters/06-data.nw"
typedef struct {
    float pixels[SCENE_CHANNELS * SCENE_SIZE * SCENE_SIZE];  /* CHW */
    int count;                               /* objects in the scene */
    object_t objects[SCENE_MAX_OBJECTS];
} scene_t;
#line 128 "chapters/06-data.nw"
scene_config_t scene_config_default(void);
int scene_config_check(const scene_config_t *cfg, char *err,
                       size_t errsize);
void scene_generate(const scene_config_t *cfg, uint64_t seed,
                    int split, long index, scene_t *out);
int scene_objects(const scene_config_t *cfg, uint64_t seed, int split,
                  long index, object_t objects[SCENE_MAX_OBJECTS]);
void scene_flip(scene_t *s);
const char *scene_class_name(int cls);
const char *scene_split_name(int split);
int scene_split_parse(const char *name);
#line 74 "chapters/06-data.nw"
#endif

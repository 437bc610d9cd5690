#line 842 "chapters/06-data.nw"
/* coco.h: COCO instances JSON files, read and written. */
#ifndef COCO_H
#define COCO_H
#include <stddef.h>
#include "image.h"
#include "scene.h"

enum { COCO_MAX_CATEGORIES = 100, COCO_NAME_SIZE = 64,
       COCO_FILE_SIZE = 4096 };              /* PATH_MAX */

typedef struct { long id; char name[COCO_NAME_SIZE]; } coco_category_t;
typedef struct {
    long id;
    char file_name[COCO_FILE_SIZE];
    int width, height;
    int first, count;       /* its objects: objects[first ...] */
} coco_image_t;
typedef struct {
    char dir[COCO_FILE_SIZE];   /* where the image files are */
    int ncategories, nimages, nobjects;
    coco_category_t categories[COCO_MAX_CATEGORIES];  /* by id */
    coco_image_t *images;
    object_t *objects;      /* grouped by image; cls = category rank */
    long *object_ids;       /* the annotation id of each object */
    unsigned char *crowd;   /* its iscrowd: 1, a crowd region */
    double *area;           /* its "area" (box area when absent) */
} coco_t;

#line 896 "chapters/06-data.nw"
void coco_init(coco_t *c, const char *dir);
int coco_add_category(coco_t *c, long id, const char *name);
int coco_add_image(coco_t *c, const char *file_name, int width,
                   int height, const object_t *obj, int n);
int coco_read(const char *path, const char *image_dir, coco_t *c,
              char *err, size_t errsize);
int coco_write(const coco_t *c, const char *path, char *err,
               size_t errsize);
int coco_scene(const coco_t *c, int i, scene_t *s, char *err,
               size_t errsize);
void coco_free(coco_t *c);
#line 871 "chapters/06-data.nw"
#endif

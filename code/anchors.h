#line 32 "chapters/08-anchors.nw"
/* anchors.h: the anchor grid, IoU, assignment of anchors to objects
   and the box coding of a RetinaNet-style detector. */
#ifndef ANCHORS_H
#define ANCHORS_H
#include <stddef.h>
#include "image.h"

enum { ANCHOR_LEVELS = 3,      /* P3, P4, P5 */
       ANCHOR_STRIDE = 8,      /* of P3; P4 16, P5 32 */
       ANCHOR_MAX_SCALES = 8, ANCHOR_MAX_RATIOS = 8,
       ANCHOR_MAX_A = ANCHOR_MAX_SCALES * ANCHOR_MAX_RATIOS,
       ANCHOR_MAX_SIDE = 4096, ANCHOR_MAX_OBJECTS = 64,
       ANCHOR_MAX_CLASSES = 100 };
enum { ANCHOR_IGNORE = -1, ANCHOR_BACKGROUND = 0 };  /* k+1: class k */
#define BOX_LOG_CLAMP 4.135166556742356   /* log(1000/16) */

typedef struct { float x1, y1, x2, y2; } box_t;   /* pixels */

#line 132 "chapters/08-anchors.nw"
#define ANCHOR_SIZE 2.0        /* base side in strides (paper: 4) */
#define ANCHOR_FG_IOU 0.5      /* foreground: best IoU >= this  */
#define ANCHOR_BG_IOU 0.4      /* background: best IoU < this   */
#define ANCHOR_SIZE_MIN 0.25   /* base sizes in strides */
#define ANCHOR_SIZE_MAX 16.0
#define ANCHOR_SCALE_MAX 2.0   /* scales in [-2, 2] octaves */
#define ANCHOR_RATIO_MAX 8.0   /* ratios in [1/8, 8] */

typedef struct {
    double size;                      /* base side, in strides */
    int num_scales, num_ratios;       /* A = their product */
    double scale[ANCHOR_MAX_SCALES];  /* side = size s_l 2^scale */
    double ratio[ANCHOR_MAX_RATIOS];  /* h / w */
    double fg_iou, bg_iou;            /* the assignment's thresholds */
} anchor_config_t;

anchor_config_t anchor_config_default(void);
const char *anchor_config_check(const anchor_config_t *c);
int anchor_config_count(const anchor_config_t *c);

#line 52 "chapters/08-anchors.nw"
typedef struct {
    int width, height;               /* image, pixels */
    anchor_config_t cfg;             /* the shapes and thresholds */
    int num_anchors;                 /* A, shapes per cell */
    int count;                       /* anchors of all levels */
    int offset[ANCHOR_LEVELS];       /* index of a level's first */
    int cols[ANCHOR_LEVELS], rows[ANCHOR_LEVELS];   /* W_l, H_l */
    int stride[ANCHOR_LEVELS];
    box_t *box;                      /* [count] */
} anchor_grid_t;

#line 172 "chapters/08-anchors.nw"
int anchor_grid_create(anchor_grid_t *g, const anchor_config_t *c,
                       int width, int height);
void anchor_grid_free(anchor_grid_t *g);
int anchor_index(const anchor_grid_t *g, int level, int y, int x,
                 int a);
void anchor_locate(const anchor_grid_t *g, int i, int *level, int *y,
                   int *x, int *a);
size_t anchor_output_offset(const anchor_grid_t *g, int i, int n,
                            int per_anchor, int c, int *level);
void anchor_read(const anchor_grid_t *g,
                 const float *const out[ANCHOR_LEVELS], int n, int i,
                 int per_anchor, float *v);
#line 207 "chapters/08-anchors.nw"
double box_iou(const box_t *a, const box_t *b);
box_t box_from_object(const object_t *o);
void box_encode(const box_t *anchor, const box_t *target,
                float delta[4]);
box_t box_decode(const box_t *anchor, const float delta[4]);
#line 228 "chapters/08-anchors.nw"
typedef struct {
    int count;              /* anchors */
    signed char *label;     /* ANCHOR_IGNORE, ANCHOR_BACKGROUND, k+1 */
    int *match;             /* assigned object, or -1 */
    float *iou;             /* highest IoU with any object, or 0 */
    float (*delta)[4];      /* box targets; 0 unless foreground */
    int num_fg, num_ignored, num_bg;
    int num_forced;         /* foreground only by the forced match */
    int objects;            /* objects given */
    int objects_low;        /* whose best IoU is below .5 */
    int objects_unmatched;  /* with no anchor at all */
    /* NULL, or per anchor 0 to leave it out of the class loss
       (Chapter 13's sampling); not owned, not freed. */
    const unsigned char *keep;
} anchor_targets_t;

int anchor_targets_alloc(anchor_targets_t *t, int count);
void anchor_targets_free(anchor_targets_t *t);
int anchor_assign(const anchor_config_t *c, const box_t *anchors,
                  int count, const object_t *obj, int n,
                  anchor_targets_t *t);
#line 66 "chapters/08-anchors.nw"
#endif

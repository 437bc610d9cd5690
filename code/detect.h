#line 47 "chapters/09-inference.nw"
/* detect.h: from the network's outputs to detections: threshold,
   top-k per level, decoding, class-aware NMS, drawing. */
#ifndef DETECT_H
#define DETECT_H
#include <stddef.h>
#include "anchors.h"
#include "detection.h"
#include "image.h"

enum { DETECT_MAX_TOPK = 1000000, DETECT_MAX_DETS = 100000 };

typedef struct {
    double score_thresh;  /* keep a pair whose score is > this   */
    int topk;             /* pairs kept per pyramid level         */
    double nms_iou;       /* suppress a box whose IoU is > this   */
    int max_dets;         /* detections kept per image            */
} detect_params_t;

/* Where batch image n came from: its id, and its size before it was
   resized to the network's input (0, 0: not resized). */
typedef struct { long image_id; int width, height; } detect_source_t;

#line 75 "chapters/09-inference.nw"
detect_params_t detect_params_default(void);
int detect_params_check(const detect_params_t *p, char *err,
                        size_t errsize);
int detect_batch(const detect_params_t *p, const anchor_grid_t *g,
                 int num_classes, const float *const cls[ANCHOR_LEVELS],
                 const float *const box[ANCHOR_LEVELS], int batch,
                 const detect_source_t *src, detection_list_t *out);
int detect_candidates(const detect_params_t *p, const anchor_grid_t *g,
                      int num_classes,
                      const float *const cls[ANCHOR_LEVELS],
                      const float *const box[ANCHOR_LEVELS], int n,
                      long image_id, detection_list_t *out);
int detect_nms(detection_t *d, int n, double iou, int max_dets);
void detect_draw(image_t *img, const detection_t *d, int n,
                 double min_score, int labels);
void detect_oracle(const anchor_grid_t *g, int num_classes,
                   const anchor_targets_t *t, int n, float logit,
                   float *const cls[ANCHOR_LEVELS],
                   float *const box[ANCHOR_LEVELS]);
#line 70 "chapters/09-inference.nw"
#endif

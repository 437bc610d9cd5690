#line 136 "chapters/10-evaluation.nw"
/* eval.h: COCO-style box AP, and COCO results files. */
#ifndef EVAL_H
#define EVAL_H
#include <stddef.h>
#include "coco.h"
#include "detection.h"

enum { EVAL_IOUS = 10, EVAL_RECALLS = 101, EVAL_MAX_DETS = 100 };
enum { EVAL_AP, EVAL_AP50, EVAL_AP75, EVAL_STATS };

#line 157 "chapters/10-evaluation.nw"
typedef struct {
    int ncls;                          /* the ground truth's classes */
    int ngt[COCO_MAX_CATEGORIES];      /* boxes of each class */
    int ndt[COCO_MAX_CATEGORIES];      /* detections kept, each class */
    /* tp[k][t * ndt[k] + i]: is the i-th best detection of class k a
       true positive at IoU threshold t? */
    unsigned char *tp[COCO_MAX_CATEGORIES];
    /* precision[(t * ncls + k) * EVAL_RECALLS + r]; -1: no GT */
    double *precision;
    double class_ap[COCO_MAX_CATEGORIES][EVAL_STATS];  /* -1: no GT */
    double ap[EVAL_STATS];     /* mean over classes with GT; -1: none */
} eval_t;

#line 172 "chapters/10-evaluation.nw"
double eval_iou_threshold(int t);      /* t in [0, EVAL_IOUS) */
double eval_recall_threshold(int r);   /* r in [0, EVAL_RECALLS) */
double eval_iou(const object_t *g, const detection_t *d);
/* Raw curve of ND detections in score order, TP flags TP, against
   NGT > 0 boxes: recall[i], precision[i] after the first i+1. */
void eval_curve(const unsigned char *tp, int nd, int ngt,
                double *recall, double *precision);
/* COCO's 101-point interpolation of a raw curve into Q. */
void eval_interpolate(const double *recall, const double *precision,
                      int nd, double q[EVAL_RECALLS]);
/* Evaluate N detections against GT into *E (free with eval_free).
   0, or -1 with a message (unknown image or class, no memory). */
int eval_run(const coco_t *gt, const detection_t *d, int n, eval_t *e,
             char *err, size_t errsize);
void eval_free(eval_t *e);
#line 197 "chapters/10-evaluation.nw"
/* Read PATH into *OUT (appending; freed on failure).  0 or -1. */
int eval_read_results(const char *path, const coco_t *gt,
                      detection_list_t *out, char *err,
                      size_t errsize);
int eval_write_results(const char *path, const coco_t *gt,
                       const detection_t *d, int n, char *err,
                       size_t errsize);
/* The interpolated curves of E as columns category_id iou recall
   precision, for the classes with ground truth.  0 or -1. */
int eval_write_pr(const char *path, const coco_t *gt, const eval_t *e,
                  char *err, size_t errsize);
#line 149 "chapters/10-evaluation.nw"
#endif

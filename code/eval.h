#line 182 "chapters/10-evaluation.nw"
/* eval.h: COCO-style box AP, and COCO results files. */
#ifndef EVAL_H
#define EVAL_H
#include <stddef.h>
#include "coco.h"
#include "detection.h"

enum { EVAL_IOUS = 10, EVAL_RECALLS = 101, EVAL_MAX_DETS = 100,
       EVAL_AREAS = 4, EVAL_DET_LIMITS = 3 };
/* The twelve summary numbers, in the order summarize() prints them. */
enum { EVAL_AP, EVAL_AP50, EVAL_AP75, EVAL_AP_SMALL, EVAL_AP_MEDIUM,
       EVAL_AP_LARGE, EVAL_AR1, EVAL_AR10, EVAL_AR100,
       EVAL_AR_SMALL, EVAL_AR_MEDIUM, EVAL_AR_LARGE, EVAL_STATS };
/* What a detection is at one threshold. */
enum { EVAL_FP, EVAL_TP, EVAL_IGNORED };

#line 214 "chapters/10-evaluation.nw"
typedef struct {
    int ncls;                          /* the ground truth's classes */
    int ngt[COCO_MAX_CATEGORIES];      /* boxes of each class, crowds
                                          left out */
    int ndt[COCO_MAX_CATEGORIES];      /* detections kept, each class */
    /* tp[k][t * ndt[k] + i]: EVAL_TP, EVAL_FP or EVAL_IGNORED, the
       i-th best detection of class k at IoU threshold t */
    unsigned char *tp[COCO_MAX_CATEGORIES];
    /* precision[(t * ncls + k) * EVAL_RECALLS + r]; -1: no GT */
    double *precision;
    /* the twelve numbers of each class; -1: no GT in the range */
    double class_ap[COCO_MAX_CATEGORIES][EVAL_STATS];
    double ap[EVAL_STATS];     /* mean over classes with GT; -1: none */
} eval_t;

#line 231 "chapters/10-evaluation.nw"
double eval_iou_threshold(int t);      /* t in [0, EVAL_IOUS) */
double eval_recall_threshold(int r);   /* r in [0, EVAL_RECALLS) */
/* Area range a in [0, EVAL_AREAS): all, small, medium, large. */
double eval_area_lo(int a);
double eval_area_hi(int a);
const char *eval_area_name(int a);
int eval_det_limit(int m);             /* 1, 10, 100 */
double eval_iou(const object_t *g, const detection_t *d);
/* A crowd region's IoU: the intersection over D's area. */
double eval_iou_crowd(const object_t *g, const detection_t *d);
/* Raw curve of ND detections in score order, states TP (EVAL_TP,
   EVAL_FP, EVAL_IGNORED), against NGT > 0 boxes: recall[i],
   precision[i] after the first i+1. */
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
#line 265 "chapters/10-evaluation.nw"
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
#line 284 "chapters/10-evaluation.nw"
enum { EVAL_C75, EVAL_C50, EVAL_LOC, EVAL_DUP, EVAL_CLS, EVAL_BG,
       EVAL_FN, EVAL_STAGES };
typedef struct {
    double ap[EVAL_STAGES];  /* mean over classes with GT */
    /* the interpolated precision, averaged over the classes */
    double pr[EVAL_STAGES][EVAL_RECALLS];
    /* false and true positives at C75 ... CLS, summed over classes */
    int fp[EVAL_STAGES], tp[EVAL_STAGES];
    int ngt;                 /* boxes, crowds left out */
} eval_analysis_t;
const char *eval_stage_name(int s);   /* "C75", ..., "FN" */
/* Analyse N detections against GT into *OUT.  0, or -1 with a
   message (unknown image or class, no memory). */
int eval_analyze(const coco_t *gt, const detection_t *d, int n,
                 eval_analysis_t *out, char *err, size_t errsize);
#line 201 "chapters/10-evaluation.nw"
#endif

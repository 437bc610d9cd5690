#line 151 "chapters/10-evaluation.nw"
/* detection.h: one detected box, and a growable list of them. */
#ifndef DETECTION_H
#define DETECTION_H

/* A box x1 <= x2, y1 <= y2 in pixels of image IMAGE_ID (the COCO id),
   class CLS (the category's rank), confidence SCORE in [0, 1]. */
typedef struct {
    long image_id;
    int cls;
    float score;
    float x1, y1, x2, y2;
} detection_t;

/* Start as {0}: items[0 .. count) are the detections. */
typedef struct {
    detection_t *items;
    int count, capacity;
} detection_list_t;

/* Append a copy of *D; 0, or -1 when out of memory (list unchanged). */
int detection_list_append(detection_list_t *l, const detection_t *d);
/* Free the items; the list is empty again. */
void detection_list_free(detection_list_t *l);
#endif

#line 610 "chapters/06-data.nw"
/* image.h: 8-bit RGB images, PNG/JPEG files, boxes that move with
   pixels. */
#ifndef IMAGE_H
#define IMAGE_H
#include <stddef.h>

/* A box in pixels, x2 > x1, y2 > y1, with a class index. */
typedef struct { float x1, y1, x2, y2; int cls; } object_t;

enum { IMAGE_MAX_SIDE = 8192, DATA_ERR_SIZE = 8192 };

/* w * h pixels, 3 bytes (R, G, B) each, rows from the top. */
typedef struct { int w, h; unsigned char *rgb; } image_t;

#line 646 "chapters/06-data.nw"
int image_alloc(image_t *img, int w, int h);
void image_free(image_t *img);
int image_read(const char *path, image_t *img, char *err,
               size_t errsize);
int image_write_png(const char *path, const image_t *img, char *err,
                    size_t errsize);
void image_to_chw(const image_t *img, float *chw);
void image_from_chw(image_t *img, const float *chw);
#line 676 "chapters/06-data.nw"
void chw_resize(const float *src, int c, int h, int w, float *dst,
                int to_h, int to_w);
void objects_resize(object_t *obj, int n, int w, int h, int to_w,
                    int to_h);
void chw_flip(float *chw, int c, int h, int w);
void chw_flip_inside(float *chw, int c, int h, int w, int pw, int ph);
void objects_flip(object_t *obj, int n, int w);
void image_draw_box(image_t *img, const object_t *box, int thick,
                    const unsigned char rgb[3]);
void image_paste_zoomed(image_t *dst, int x0, int y0,
                        const image_t *src, int zoom);
#line 626 "chapters/06-data.nw"
#endif

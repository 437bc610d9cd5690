#line 822 "chapters/companion/06-data.nw"
/* image.c: 8-bit RGB images, PNG/JPEG files, boxes that move with
   pixels. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#include "cli.h"
#include "files.h"
#include "image.h"

enum { IMAGE_MAX_BYTES = 256 << 20 };

#line 602 "chapters/companion/06-data.nw"
static const char *sniff(FILE *f, unsigned long *w, unsigned long *h)
{
    unsigned char b[24];
    size_t n = fread(b, 1, sizeof b, f);
    rewind(f);
    *w = *h = 0;
    if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
        return "JPEG";
    if (n < 8 || memcmp(b, "\211PNG\r\n\032\n", 8) != 0)
        return NULL;
    if (n == 24 && memcmp(b + 12, "IHDR", 4) == 0)
        for (int i = 0; i < 4; i++) {              /* big-endian */
            *w = *w << 8 | b[16 + i];
            *h = *h << 8 | b[20 + i];
        }
    return "PNG";
}
#line 648 "chapters/companion/06-data.nw"
static int byte_or_0(FILE *f)
{
    int c = getc(f);
    return c == EOF ? 0 : c;
}

#line 694 "chapters/companion/06-data.nw"
static const char *scan_tables(FILE *f, long *len, unsigned defined,
                               int progressive)
{
    int ns = byte_or_0(f), need_dc = 0, need_ac = 0;
    for (int i = 0; i < ns && i < 4; i++) {
        byte_or_0(f);                            /* component id */
        int q = byte_or_0(f);
        need_dc |= 1 << (q >> 4);
        need_ac |= 1 << (q & 15);
    }
    int ss = byte_or_0(f);
    *len -= 2 + 2 * (ns < 4 ? ns : 4);
    if (progressive && ss != 0) need_dc = 0;
    if (progressive && ss == 0) need_ac = 0;
    if ((need_dc & 15 & ~defined) || (need_ac & 15 & ~(defined >> 4)))
        return "a JPEG scan that uses a Huffman table it never defines";
    return NULL;
}

#line 656 "chapters/companion/06-data.nw"
static const char *jpeg_tables(FILE *f)
{
    const char *why = NULL;
    int c, progressive = 0;
    unsigned defined = 0;                  /* bit 4 * class + number */
    fseek(f, 2, SEEK_SET);                       /* after FF D8 */
    while (!why && (c = getc(f)) != EOF) {
        if (c != 0xff) continue;                 /* not a marker */
        while ((c = getc(f)) == 0xff) {}         /* fill bytes */
        if (c == EOF || c == 0xd9) break;        /* end of image */
        if (c == 0 || c == 1 || (c >= 0xd0 && c <= 0xd8)) continue;
        long n = byte_or_0(f) << 8, len = (n | byte_or_0(f)) - 2;
        if (len < 0) break;                      /* stb stops here */
        progressive |= c == 0xc2;
        while (c == 0xc4 && !why && len > 0) {   /* DHT: tables */
            long codes = 0, q = byte_or_0(f);
            for (int i = 0; i < 16; i++) codes += byte_or_0(f);
            if (codes > 256)
                why = "a JPEG Huffman table of more than 256 codes";
            if (q >> 4 <= 1 && (q & 15) <= 3)
                defined |= 1u << (4 * (q >> 4) + (q & 15));
            fseek(f, codes, SEEK_CUR);
            len -= 17 + codes;
        }
        if (c == 0xda) why = scan_tables(f, &len, defined, progressive);
        if (c != 0xc4 && len > 0) fseek(f, len, SEEK_CUR);
    }
    rewind(f);
    return why;
}
#line 723 "chapters/companion/06-data.nw"
static const char *png_chunks(FILE *f)
{
    const char *why = NULL;
    unsigned char b[8];
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1, at = 8;
    while (!why && size >= 0 && at + 8 <= size
           && fseek(f, at, SEEK_SET) == 0 && fread(b, 1, 8, f) == 8) {
        unsigned long len = (unsigned long)b[0] << 24
                            | (unsigned long)b[1] << 16
                            | (unsigned long)b[2] << 8 | b[3];
        if (len > (unsigned long)(size - at - 8))
            why = "a PNG chunk that runs past the end of the file "
                  "(truncated or damaged)";
        if (memcmp(b + 4, "IEND", 4) == 0)
            break;
        at += 12 + (long)len;                 /* length, type, CRC */
    }
    rewind(f);
    return why;
}

#line 560 "chapters/companion/06-data.nw"
int image_read(const char *path, image_t *img, char *err,
               size_t errsize)
{
    int w, h, comp;
    unsigned long pw, ph;
    img->w = img->h = 0;
    img->rgb = NULL;
    FILE *f = in_open_file(path, IMAGE_MAX_BYTES, "an image file", err,
                           errsize);
    if (f == NULL) return -1;
    const char *kind = sniff(f, &pw, &ph), *bad = NULL;
    if (kind && kind[0] == 'J') bad = jpeg_tables(f);
    if (kind && kind[0] == 'P') bad = png_chunks(f);
    if (kind == NULL || pw > IMAGE_MAX_SIDE || ph > IMAGE_MAX_SIDE
        || bad || !stbi_info_from_file(f, &w, &h, &comp)) {
        fclose(f);
        if (kind == NULL)
            return errf(err, errsize, "%s: not a PNG or JPEG image",
                        path);
        if (pw > IMAGE_MAX_SIDE || ph > IMAGE_MAX_SIDE)
            return errf(err, errsize, "%s: %lu x %lu pixels; each side"
                        " must be in [1, %d]", path, pw, ph,
                        IMAGE_MAX_SIDE);
        if (bad) return errf(err, errsize, "%s: %s", path, bad);
        return errf(err, errsize, "%s: a %s header that cannot be "
                    "read: corrupt, or far too large", path, kind);
    }
    if (w < 1 || h < 1 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
        fclose(f);
        return errf(err, errsize, "%s: %d x %d pixels; each side must "
                    "be in [1, %d]", path, w, h, IMAGE_MAX_SIDE);
    }
    unsigned char *rgb = stbi_load_from_file(f, &w, &h, &comp, 3);
    fclose(f);
    if (rgb == NULL)
        return errf(err, errsize, "%s: cannot decode (%s)", path,
                    stbi_failure_reason());
    
#line 749 "chapters/companion/06-data.nw"
if (image_alloc(img, w, h) != 0) {
    stbi_image_free(rgb);
    return errf(err, errsize, "%s: out of memory", path);
}
memcpy(img->rgb, rgb, (size_t)w * h * 3);
stbi_image_free(rgb);
return 0;
#line 598 "chapters/companion/06-data.nw"
}
#line 759 "chapters/companion/06-data.nw"
int image_alloc(image_t *img, int w, int h)
{
    img->w = img->h = 0;
    img->rgb = NULL;
    if (w < 1 || h < 1 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
        return -1;
    if ((img->rgb = calloc((size_t)w * h * 3, 1)) == NULL) return -1;
    img->w = w;
    img->h = h;
    return 0;
}

void image_free(image_t *img)
{
    free(img->rgb);
    img->rgb = NULL;
    img->w = img->h = 0;
}

/* stb hands the encoded PNG over in pieces; a short write sets the
   stream's error flag, which out_commit checks. */
static void png_put(void *f, void *data, int size)
{
    if (size > 0) {
        size_t put = fwrite(data, 1, (size_t)size, (FILE *)f);
        (void)put;
    }
}

int image_write_png(const char *path, const image_t *img, char *err,
                    size_t errsize)
{
    out_file o;
    if (out_open(&o, path, err, errsize)) return -1;
    if (!stbi_write_png_to_func(png_put, o.f, img->w, img->h, 3,
                                img->rgb, 3 * img->w)) {
        out_abort(&o);
        return errf(err, errsize, "%s: cannot encode the PNG", path);
    }
    return out_commit(&o, err, errsize);
}

void image_to_chw(const image_t *img, float *chw)
{
    size_t n = (size_t)img->w * img->h;
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < 3; c++)
            chw[c * n + i] = img->rgb[3 * i + c] / 255.0f;
}

void image_from_chw(image_t *img, const float *chw)
{
    size_t n = (size_t)img->w * img->h;
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < 3; c++) {
            float v = chw[c * n + i];
            v = v < 0 ? 0 : v > 1 ? 1 : v;
            img->rgb[3 * i + c] = (unsigned char)(v * 255 + 0.5f);
        }
}
#line 729 "chapters/06-data.nw"
static void source_of(int x, int w, int to_w, int *x0, int *x1,
                      float *f)
{
    double u = (x + 0.5) * w / to_w - 0.5;
    if (u < 0) u = 0;
    if (u > w - 1) u = w - 1;
    *x0 = (int)u;
    *x1 = *x0 + 1 < w ? *x0 + 1 : *x0;
    *f = (float)(u - *x0);
}

void chw_resize(const float *src, int c, int h, int w, float *dst,
                int to_h, int to_w)
{
    for (int y = 0; y < to_h; y++) {
        int y0, y1, x0, x1;
        float fy, fx;
        source_of(y, h, to_h, &y0, &y1, &fy);
        for (int x = 0; x < to_w; x++) {
            source_of(x, w, to_w, &x0, &x1, &fx);
            for (int k = 0; k < c; k++) {
                const float *p = src + (size_t)k * h * w;
                float top = p[y0 * w + x0]
                          + fx * (p[y0 * w + x1] - p[y0 * w + x0]);
                float bot = p[y1 * w + x0]
                          + fx * (p[y1 * w + x1] - p[y1 * w + x0]);
                dst[((size_t)k * to_h + y) * to_w + x] =
                    top + fy * (bot - top);
            }
        }
    }
}

void objects_resize(object_t *obj, int n, int w, int h, int to_w,
                    int to_h)
{
    double sx = (double)to_w / w, sy = (double)to_h / h;
    for (int i = 0; i < n; i++) {
        obj[i].x1 = (float)(obj[i].x1 * sx);
        obj[i].x2 = (float)(obj[i].x2 * sx);
        obj[i].y1 = (float)(obj[i].y1 * sy);
        obj[i].y2 = (float)(obj[i].y2 * sy);
    }
}
#line 781 "chapters/06-data.nw"
void chw_flip_inside(float *chw, int c, int h, int w, int pw, int ph)
{
    for (int ch = 0; ch < c; ch++)
        for (int y = 0; y < ph; y++) {
            float *p = chw + ((size_t)ch * h + y) * w;
            for (int a = 0, b = pw - 1; a < b; a++, b--) {
                float t = p[a];
                p[a] = p[b];
                p[b] = t;
            }
        }
}

void chw_flip(float *chw, int c, int h, int w)
{
    chw_flip_inside(chw, c, h, w, w, h);
}

void objects_flip(object_t *obj, int n, int w)
{
    for (int i = 0; i < n; i++) {
        float x1 = obj[i].x1;
        obj[i].x1 = (float)(w - (double)obj[i].x2);
        obj[i].x2 = (float)(w - (double)x1);
    }
}
#line 870 "chapters/companion/06-data.nw"
void image_draw_box(image_t *img, const object_t *box, int thick,
                    const unsigned char rgb[3])
{
    int x0 = (int)floorf(box->x1), x1 = (int)ceilf(box->x2);
    int y0 = (int)floorf(box->y1), y1 = (int)ceilf(box->y2);
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < img->h; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < img->w; x++) {
            if (x >= x0 + thick && x < x1 - thick && y >= y0 + thick
                && y < y1 - thick)
                continue;
            memcpy(img->rgb + 3 * ((size_t)y * img->w + x), rgb, 3);
        }
}
#line 851 "chapters/companion/06-data.nw"
void image_paste_zoomed(image_t *dst, int x0, int y0,
                        const image_t *src, int zoom)
{
    for (int y = 0; y < src->h * zoom; y++)
        for (int x = 0; x < src->w * zoom; x++) {
            int tx = x0 + x, ty = y0 + y;
            if (tx < 0 || ty < 0 || tx >= dst->w || ty >= dst->h)
                continue;
            memcpy(dst->rgb + 3 * ((size_t)ty * dst->w + tx),
                   src->rgb + 3 * ((size_t)(y / zoom) * src->w
                                   + x / zoom), 3);
        }
}

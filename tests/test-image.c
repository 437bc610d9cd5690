#line 1860 "chapters/companion/06-data.nw"
/* test-image.c: conversions, resizing, flipping, PNG files. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "image.h"

int main(void)
{
    check_t c = {"image", 0, 0};
    char dir[] = "/tmp/test-image-XXXXXX", path[256];
    char err[DATA_ERR_SIZE];
    if (mkdtemp(dir) == NULL) return 1;
    
#line 1913 "chapters/companion/06-data.nw"
{
    float ramp[4] = {0, 10, 20, 30}, out[8];
    chw_resize(ramp, 1, 1, 4, out, 1, 8);
    for (int x = 0; x < 8; x++) {
        double u = (x + 0.5) / 2 - 0.5;
        u = u < 0 ? 0 : u > 3 ? 3 : u;
        check_near(&c, out[x], 10 * u, 1e-5, "ramp 4 -> 8, column %d",
                   x);
    }
    object_t o[2] = {{1.5f, 2, 30, 40.25f, 0}, {0, 0, 640, 480, 2}};
    object_t back[2];
    memcpy(back, o, sizeof o);
    objects_resize(back, 2, 640, 480, 128, 128);
    check_near(&c, back[1].x2, 128, 0, "640 wide maps to 128");
    check_near(&c, back[0].y2, 40.25 * 128 / 480, 1e-4, "y2 scales");
    objects_resize(back, 2, 128, 128, 640, 480);
    for (int i = 0; i < 2; i++)
        check_true(&c, fabsf(back[i].x1 - o[i].x1) < 1e-4
                   && fabsf(back[i].y2 - o[i].y2) < 1e-4
                   && back[i].cls == o[i].cls,
                   "box %d resized there and back", i);
}
#line 1877 "chapters/companion/06-data.nw"
    
#line 1938 "chapters/companion/06-data.nw"
{
    float px[2 * 3] = {1, 2, 3, 4, 5, 6};  /* 2 channels of 1 x 3 */
    chw_flip(px, 2, 1, 3);
    check_true(&c, px[0] == 3 && px[2] == 1 && px[3] == 6 && px[5] == 4,
               "a flip reverses each row");
    float q[2 * 2 * 3] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    const float want[12] = {2, 1, 3, 4, 5, 6, 8, 7, 9, 10, 11, 12};
    chw_flip_inside(q, 2, 2, 3, 2, 1);   /* 2 x 1 of each 3 x 2 plane */
    check_true(&c, memcmp(q, want, sizeof q) == 0,
               "a flip inside a 2 x 1 corner leaves the rest");
    object_t o = {10, 5, 30, 20, 1};
    objects_flip(&o, 1, 100);
    check_true(&c, o.x1 == 70 && o.x2 == 90 && o.y1 == 5 && o.y2 == 20,
               "a flip maps [10, 30] to [70, 90] in width 100");
    objects_flip(&o, 1, 100);
    check_true(&c, o.x1 == 10 && o.x2 == 30,
               "two flips are the identity");
}
#line 1878 "chapters/companion/06-data.nw"
    
#line 1890 "chapters/companion/06-data.nw"
{
    image_t src = {0, 0, NULL}, dst = {0, 0, NULL};
    if (image_alloc(&src, 2, 2) == 0 && image_alloc(&dst, 7, 7) == 0) {
        for (int i = 0; i < 12; i++)
            src.rgb[i] = (unsigned char)(10 + i);
        image_paste_zoomed(&dst, 2, 2, &src, 3);
        int ok = 1;
        for (int y = 0; y < 7; y++)
            for (int x = 0; x < 7; x++)
                for (int k = 0; k < 3; k++) {
                    int want = x < 2 || y < 2 ? 0
                        : 10 + 3 * ((y - 2) / 3 * 2 + (x - 2) / 3) + k;
                    ok = ok && dst.rgb[3 * (y * 7 + x) + k] == want;
                }
        check_true(&c, ok, "a 2x2 image pasted 3x larger at (2, 2), "
                   "clipped to 7x7");
    }
    image_free(&src);
    image_free(&dst);
}
#line 1879 "chapters/companion/06-data.nw"
    
#line 1964 "chapters/companion/06-data.nw"
{
    image_t img, back;
    image_alloc(&img, 37, 23);
    for (int i = 0; i < 37 * 23 * 3; i++) img.rgb[i] = (i * 7) % 256;
    snprintf(path, sizeof path, "%s/a.png", dir);
    check_true(&c, image_write_png(path, &img, err, sizeof err) == 0,
               "write a PNG");
    int ok = image_read(path, &back, err, sizeof err) == 0;
    check_true(&c, ok && back.w == 37 && back.h == 23
               && memcmp(img.rgb, back.rgb, 37 * 23 * 3) == 0,
               "PNG write then read gives the same bytes");
    float *chw = malloc(sizeof(float) * 37 * 23 * 3);
    image_to_chw(&img, chw);
    memset(back.rgb, 0, 37 * 23 * 3);
    image_from_chw(&back, chw);
    check_true(&c, memcmp(img.rgb, back.rgb, 37 * 23 * 3) == 0,
               "bytes to floats and back");
    free(chw);
    image_free(&back);
    image_free(&img);
    
#line 1990 "chapters/companion/06-data.nw"
image_t bad;
FILE *f = fopen(path, "w");
fputs("not an image\n", f);
fclose(f);
check_true(&c, image_read(path, &bad, err, sizeof err) != 0
           && strstr(err, path) && strstr(err, "not a PNG"),
           "a text file is refused: %s", err);
snprintf(path, sizeof path, "%s/none.png", dir);
check_true(&c, image_read(path, &bad, err, sizeof err) != 0
           && strstr(err, "cannot open"), "a missing file is refused");
unsigned char row[3 * (IMAGE_MAX_SIDE + 1)];
memset(row, 128, sizeof row);
image_t wide = {IMAGE_MAX_SIDE + 1, 1, row};
snprintf(path, sizeof path, "%s/wide.png", dir);
image_write_png(path, &wide, err, sizeof err);
check_true(&c, image_read(path, &bad, err, sizeof err) != 0
           && strstr(err, "must be in"),
           "an image too wide is refused");
#line 1985 "chapters/companion/06-data.nw"
    remove(path);
}
#line 1880 "chapters/companion/06-data.nw"
    rmdir(dir);
    return check_finish(&c);
}

#line 1600 "chapters/companion/06-data.nw"
/* test-scene.c: the scene generator keeps its promises. */
#include <math.h>
#include <string.h>
#include "check.h"
#include "scene.h"

static scene_t a, b, d;

#line 1662 "chapters/companion/06-data.nw"
/* Extent [x0, x1) x [y0, y1) of the pixels differing from the
   background; returns their number. */
static int painted_extent(const scene_t *s, int ext[4])
{
    const float *p = s->pixels;
    int n = SCENE_SIZE, corner[4] = {0, n - 1, n * (n - 1), n * n - 1};
    int bg = corner[0];
    for (int i = 1; i < 4; i++)
        if (p[corner[i]] == p[corner[(i + 1) % 4]]) bg = corner[i];
    int count = 0;
    ext[0] = ext[1] = n; ext[2] = ext[3] = 0;
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++) {
            int k = y * n + x, diff = 0;
            for (int ch = 0; ch < 3; ch++)
                diff |= p[ch * n * n + k] != p[ch * n * n + bg];
            if (!diff) continue;
            count++;
            if (x < ext[0]) ext[0] = x;
            if (y < ext[1]) ext[1] = y;
            if (x + 1 > ext[2]) ext[2] = x + 1;
            if (y + 1 > ext[3]) ext[3] = y + 1;
        }
    return count;
}

#line 1610 "chapters/companion/06-data.nw"
int main(void)
{
    check_t c = {"scene", 0, 0};
    scene_config_t cfg = scene_config_default();
    char err[256];
    check_true(&c, scene_config_check(&cfg, err, sizeof err) == 0,
               "the default configuration passes its check");
    
#line 1627 "chapters/companion/06-data.nw"
scene_generate(&cfg, 7, SCENE_TRAIN, 3, &a);
scene_generate(&cfg, 7, SCENE_TRAIN, 4, &d);
scene_generate(&cfg, 7, SCENE_TRAIN, 3, &b);
check_true(&c, memcmp(&a, &b, sizeof a) == 0,
           "scene 3 is the same after scene 4 as before it");
check_true(&c, memcmp(a.pixels, d.pixels, sizeof a.pixels) != 0,
           "scenes 3 and 4 differ");
scene_generate(&cfg, 7, SCENE_VAL, 3, &d);
check_true(&c, memcmp(a.pixels, d.pixels, sizeof a.pixels) != 0,
           "train and val scene 3 differ");
scene_generate(&cfg, 8, SCENE_TRAIN, 3, &d);
check_true(&c, memcmp(a.pixels, d.pixels, sizeof a.pixels) != 0,
           "seeds 7 and 8 differ");
int same = 1, quantised = 1;
for (long i = 0; i < 20; i++) {
    object_t o[SCENE_MAX_OBJECTS];
    scene_generate(&cfg, 1, SCENE_TEST, i, &a);
    int n = scene_objects(&cfg, 1, SCENE_TEST, i, o);
    same &= n == a.count
        && memcmp(o, a.objects, (size_t)n * sizeof *o) == 0;
    for (int k = 0; k < SCENE_CHANNELS * SCENE_SIZE * SCENE_SIZE; k++)
        quantised &= a.pixels[k] == (float)(round(a.pixels[k] * 255.0)
                                            / 255);
}
check_true(&c, same, "scene_objects gives scene_generate's objects");
check_true(&c, quantised, "every pixel value is a multiple of 1/255");
#line 1618 "chapters/companion/06-data.nw"
    
#line 1696 "chapters/companion/06-data.nw"
{
    scene_config_t lone = cfg;
    lone.min_objects = lone.max_objects = 1;
    lone.max_distractors = 0;
    lone.gradient = lone.texture = lone.noise = 0;
    int inside = 1, reach = 1, seen[SCENE_CLASSES] = {0};
    for (long i = 0; i < 300; i++) {
        int e[4];
        scene_generate(&lone, 5, SCENE_TRAIN, i, &a);
        const object_t *o = &a.objects[0];
        if (a.count != 1 || painted_extent(&a, e) == 0) {
            inside = 0;
            continue;
        }
        seen[o->cls]++;
        inside &= e[0] >= floor(o->x1) && e[1] >= floor(o->y1)
               && e[2] <= ceil(o->x2) && e[3] <= ceil(o->y2);
        reach &= fabs(e[0] - o->x1) <= 1.5 && fabs(e[1] - o->y1) <= 1.5
              && fabs(e[2] - o->x2) <= 1.5 && fabs(e[3] - o->y2) <= 1.5;
    }
    check_true(&c, inside, "painted pixels lie within the box");
    check_true(&c, reach, "the painting reaches every side of the box");
    check_true(&c, seen[0] && seen[1] && seen[2],
               "all three classes were drawn alone");
}
#line 1619 "chapters/companion/06-data.nw"
    
#line 1733 "chapters/companion/06-data.nw"
{
    enum { N = 20000 };
    long count[SCENE_MAX_OBJECTS + 1] = {0}, cls[SCENE_CLASSES] = {0};
    long level[3] = {0}, total = 0;
    int ok_box = 1, ok_iou = 1;
    double lo = 16 * pow(2, 5 / 6.0), hi = 32 * pow(2, 5 / 6.0);
    for (long i = 0; i < N; i++) {
        object_t o[SCENE_MAX_OBJECTS];
        int n = scene_objects(&cfg, SCENE_SEED, SCENE_TRAIN, i, o);
        count[n]++;
        
#line 1764 "chapters/companion/06-data.nw"
for (int j = 0; j < n; j++) {
    double w = o[j].x2 - o[j].x1, h = o[j].y2 - o[j].y1;
    double s = sqrt(w * h);
    ok_box &= o[j].x1 >= 0 && o[j].y1 >= 0 && o[j].x2 <= SCENE_SIZE
           && o[j].y2 <= SCENE_SIZE && s >= cfg.min_size - 1e-3
           && s <= cfg.max_size + 1e-3 && w / h <= cfg.max_aspect + 1e-3
           && h / w <= cfg.max_aspect + 1e-3;
    cls[o[j].cls]++;
    level[s < lo ? 0 : s < hi ? 1 : 2]++;
    total++;
    for (int k = 0; k < j; k++) {
        double iw = fmin(o[j].x2, o[k].x2) - fmax(o[j].x1, o[k].x1);
        double ih = fmin(o[j].y2, o[k].y2) - fmax(o[j].y1, o[k].y1);
        double in = iw > 0 && ih > 0 ? iw * ih : 0;
        double ak = ((double)o[k].x2 - o[k].x1) * (o[k].y2 - o[k].y1);
        ok_iou &= in / (w * h + ak - in) <= cfg.max_iou + 1e-9;
    }
}
#line 1744 "chapters/companion/06-data.nw"
    }
    for (int k = 0; k <= 5; k++)
        check_near(&c, count[k] / (double)N, 1 / 6.0, 0.015,
                   "share of scenes with %d objects", k);
    for (int k = 0; k < SCENE_CLASSES; k++)
        check_near(&c, cls[k] / (double)total, 1 / 3.0, 0.01,
                   "share of class %d", k);
    double span = log(cfg.max_size / cfg.min_size);
    double want[3] = {log(lo / cfg.min_size) / span,
                      log(hi / lo) / span,
                      log(cfg.max_size / hi) / span};
    for (int l = 0; l < 3; l++)
        check_near(&c, level[l] / (double)total, want[l], 0.01,
                   "share of objects of level P%d", l + 3);
    check_true(&c, ok_box, "boxes inside the image, sizes in range");
    check_true(&c, ok_iou, "no two boxes overlap above max_iou");
}
#line 1620 "chapters/companion/06-data.nw"
    
#line 1827 "chapters/companion/06-data.nw"
{
    scene_generate(&cfg, 9, SCENE_TRAIN, 11, &a);
    b = a;
    scene_flip(&b);
    int moved = a.count == b.count;
    for (int j = 0; j < a.count; j++)
        moved &= fabsf(b.objects[j].x1 - (128 - a.objects[j].x2)) < 1e-4
              && fabsf(b.objects[j].x2 - (128 - a.objects[j].x1)) < 1e-4
              && b.objects[j].y1 == a.objects[j].y1;
    check_true(&c, moved, "a flip maps [x1, x2] to [W - x2, W - x1]");
    scene_flip(&b);
    check_true(&c, memcmp(a.pixels, b.pixels, sizeof a.pixels) == 0,
               "two flips give back the pixels");
    scene_config_t bad = cfg;
    bad.max_size = 100;
    check_true(&c, scene_config_check(&bad, err, sizeof err) != 0
               && strstr(err, "size"), "a box too wide is refused");
    bad = cfg;
    bad.contrast = NAN;
    check_true(&c, scene_config_check(&bad, err, sizeof err) != 0
               && strstr(err, "contrast"), "a NaN contrast is refused");
}
#line 1621 "chapters/companion/06-data.nw"
    
#line 1797 "chapters/companion/06-data.nw"
{
    scene_config_t quiet = cfg, loud = cfg;
    quiet.noise = 0.0;
    loud.noise = 0.1;
    scene_generate(&quiet, 5, SCENE_TRAIN, 2, &a);
    scene_generate(&loud, 5, SCENE_TRAIN, 2, &b);
    double n = 0, s1 = 0, s2 = 0, sxy = 0, np = 0;
    size_t npx = sizeof a.pixels / sizeof(float);
    for (size_t i = 0; i + 1 < npx; i += 2) {
        double u = b.pixels[i] - a.pixels[i];
        double v = b.pixels[i + 1] - a.pixels[i + 1];
        int in_u = a.pixels[i] > 0.2 && a.pixels[i] < 0.8;
        int in_v = a.pixels[i + 1] > 0.2 && a.pixels[i + 1] < 0.8;
        if (in_u) { n++; s1 += u; s2 += u * u; }
        if (in_u && in_v) { np++; sxy += u * v; }
    }
    double mean = s1 / n, sd = sqrt(s2 / n - mean * mean);
    double want = sqrt(0.01 + 2.0 / (12.0 * 255 * 255));
    check_true(&c, n > 10000 && fabs(mean) < 4 * 0.1 / sqrt(n),
               "noise has mean 0 (%.5f over %.0f values)", mean, n);
    check_true(&c, fabs(sd - want) < 4 * want / sqrt(2 * n),
               "noise has standard deviation %.4f (want %.4f)", sd,
               want);
    check_true(&c, fabs(sxy / np) < 4 * 0.01 / sqrt(np),
               "the two deviates of a pair are uncorrelated (%.2g)",
               sxy / np / 0.01);
}
#line 1622 "chapters/companion/06-data.nw"
    return check_finish(&c);
}

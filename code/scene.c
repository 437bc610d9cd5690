#line 402 "chapters/companion/06-data.nw"
/* scene.c: synthetic scenes of shapes, deterministic from a seed. */
#define _USE_MATH_DEFINES
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "rng.h"
#include "scene.h"
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#line 441 "chapters/companion/06-data.nw"
static uint64_t mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void scene_rng(rng_t *r, uint64_t seed, int split, long index)
{
    uint64_t h = mix64(mix64(seed) ^ (uint64_t)split);
    rng_seed(r, mix64(h ^ (uint64_t)index));
}
#line 457 "chapters/companion/06-data.nw"
enum { WAVES = 3, SHAPE_CROSS = 3, OUTLINE = 4, PLACE_TRIES = 50,
       COLOUR_TRIES = 100, AA = 4 };

typedef struct {
    int shape;             /* class, or SHAPE_CROSS; | OUTLINE */
    double x1, y1, x2, y2;
    float rgb[3];
} mark_t;

typedef struct {
    double base[3], grad[3], dir[2];
    double k[WAVES][2], phase[WAVES], amp[WAVES][3];
} background_t;

typedef struct {
    background_t bg;
    int nmarks, count;
    mark_t marks[SCENE_MAX_DISTRACTORS + SCENE_MAX_OBJECTS];
    object_t objects[SCENE_MAX_OBJECTS];
} plan_t;
#line 246 "chapters/06-data.nw"
static double uniform(rng_t *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_uniform(r);
}

static void draw_background(const scene_config_t *cfg, rng_t *r,
                            background_t *bg)
{
    double angle = uniform(r, 0, 2 * M_PI);
    bg->dir[0] = cos(angle); bg->dir[1] = sin(angle);
    for (int c = 0; c < 3; c++) {
        bg->base[c] = uniform(r, 0.15, 0.85);
        bg->grad[c] = uniform(r, -cfg->gradient, cfg->gradient);
    }
    for (int j = 0; j < WAVES; j++) {
        double a = uniform(r, 0, 2 * M_PI);
        double k = 2 * M_PI / uniform(r, 24, 96);
        bg->k[j][0] = k * cos(a); bg->k[j][1] = k * sin(a);
        bg->phase[j] = uniform(r, 0, 2 * M_PI);
        for (int c = 0; c < 3; c++)
            bg->amp[j][c] = uniform(r, -1, 1) * cfg->texture / WAVES;
    }
}

static void bg_waves(const background_t *bg, double x, double y,
                     double s[WAVES])
{
    for (int j = 0; j < WAVES; j++)
        s[j] = sin(bg->k[j][0] * x + bg->k[j][1] * y + bg->phase[j]);
}

static double bg_mix(const background_t *bg, int c, double x,
                     double y, const double s[WAVES])
{
    double v = bg->base[c] + bg->grad[c] * ((x - 64) * bg->dir[0]
                                     + (y - 64) * bg->dir[1]) / 64;
    for (int j = 0; j < WAVES; j++)
        v += bg->amp[j][c] * s[j];
    return v;
}

static double bg_value(const background_t *bg, int c, double x,
                       double y)
{
    double s[WAVES];
    bg_waves(bg, x, y, s);
    return bg_mix(bg, c, x, y, s);
}
#line 308 "chapters/06-data.nw"
static int in_shape(int shape, double u, double v)
{
    if (fabs(u) > 1 || fabs(v) > 1) return 0;
    switch (shape) {
    case SCENE_RECTANGLE: return 1;
    case SCENE_ELLIPSE: return u * u + v * v <= 1;
    case SCENE_TRIANGLE: return fabs(u) <= (v + 1) / 2;
    default: return 0;
    }
}

static int in_mark(const mark_t *m, double x, double y)
{
    double hw = (m->x2 - m->x1) / 2, hh = (m->y2 - m->y1) / 2;
    double t = fmax(1.5, 0.12 * 2 * fmin(hw, hh));
    double dx = x - (m->x1 + hw), dy = y - (m->y1 + hh);
    int kind = m->shape & ~OUTLINE;
    if (kind == SHAPE_CROSS)
        return fabs(dx) <= hw && fabs(dy) <= hh
            && (fabs(dx) <= t / 2 || fabs(dy) <= t / 2);
    if (!in_shape(kind, dx / hw, dy / hh)) return 0;
    return !(m->shape & OUTLINE)
        || !in_shape(kind, dx / (hw - t), dy / (hh - t));
}
#line 480 "chapters/companion/06-data.nw"
static void paint_mark(const mark_t *m, float *px)
{
    int x0 = (int)floor(m->x1), x1 = (int)ceil(m->x2);
    int y0 = (int)floor(m->y1), y1 = (int)ceil(m->y2);
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < SCENE_SIZE; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < SCENE_SIZE; x++) {
            int hits = 0;
            for (int i = 0; i < AA * AA; i++)
                hits += in_mark(m, x + (i % AA + 0.5) / AA,
                                y + (i / AA + 0.5) / AA);
            float f = (float)hits / (AA * AA);
            for (int c = 0; c < 3 && hits; c++) {
                float *v = &px[(c * SCENE_SIZE + y) * SCENE_SIZE + x];
                *v += f * (m->rgb[c] - *v);
            }
        }
}
#line 500 "chapters/companion/06-data.nw"
static void pick_colour(const scene_config_t *cfg, rng_t *r,
                        double avoid[][3], int navoid,
                        float rgb[3])
{
    for (int t = 0; t < COLOUR_TRIES; t++) {
        double c[3] = {rng_uniform(r), rng_uniform(r), rng_uniform(r)};
        int ok = 1;
        for (int i = 0; i < navoid && ok; i++) {
            double d0 = c[0] - avoid[i][0], d1 = c[1] - avoid[i][1],
                   d2 = c[2] - avoid[i][2];
            ok = sqrt(d0 * d0 + d1 * d1 + d2 * d2) >= cfg->contrast;
        }
        if (ok) {
            for (int k = 0; k < 3; k++) rgb[k] = (float)c[k];
            return;
        }
    }
    for (int k = 0; k < 3; k++) rgb[k] = avoid[0][k] < 0.5f;
}
#line 358 "chapters/06-data.nw"
static double log_uniform(rng_t *r, double lo, double hi)
{
    return lo * exp(rng_uniform(r) * log(hi / lo));
}

static object_t place_box(rng_t *r, double size, double aspect)
{
    double w = size * sqrt(aspect), h = size / sqrt(aspect);
    double x = uniform(r, 0, SCENE_SIZE - w);
    double y = uniform(r, 0, SCENE_SIZE - h);
    object_t o = {(float)x, (float)y, (float)(x + w), (float)(y + h),
                  0};
    return o;
}

static void centre_bg(const background_t *bg, const object_t *o,
                      double rgb[3])
{
    for (int c = 0; c < 3; c++)
        rgb[c] = bg_value(bg, c, (o->x1 + o->x2) / 2,
                          (o->y1 + o->y2) / 2);
}
#line 522 "chapters/companion/06-data.nw"
static double box_iou(const object_t *a, const object_t *b)
{
    double w = fmin(a->x2, b->x2) - fmax(a->x1, b->x1);
    double h = fmin(a->y2, b->y2) - fmax(a->y1, b->y1);
    if (w <= 0 || h <= 0) return 0;
    double inter = w * h;
    double ua = ((double)a->x2 - a->x1) * ((double)a->y2 - a->y1);
    double ub = ((double)b->x2 - b->x1) * ((double)b->y2 - b->y1);
    return inter / (ua + ub - inter);
}
#line 385 "chapters/06-data.nw"
static void add_distractor(const scene_config_t *cfg, rng_t *r,
                           plan_t *p)
{
    int kind = (int)rng_below(r, 4);
    double s = log_uniform(r, cfg->min_size, cfg->max_size);
    double a = log_uniform(r, 1 / cfg->max_aspect, cfg->max_aspect);
    object_t o = place_box(r, s, a);
    mark_t *m = &p->marks[p->nmarks++];
    m->shape = kind == SHAPE_CROSS ? SHAPE_CROSS : kind | OUTLINE;
    m->x1 = o.x1; m->y1 = o.y1; m->x2 = o.x2; m->y2 = o.y2;
    double avoid[1][3];
    centre_bg(&p->bg, &o, avoid[0]);
    pick_colour(cfg, r, avoid, 1, m->rgb);
}
#line 449 "chapters/06-data.nw"
static void place_object(const scene_config_t *cfg, rng_t *r,
                         plan_t *p, int cls, double size, double aspect)
{
    for (int t = 0; t < PLACE_TRIES; t++) {
        object_t o = place_box(r, size, aspect);
        double avoid[1 + SCENE_MAX_OBJECTS][3];
        int navoid = 1, ok = 1;
        centre_bg(&p->bg, &o, avoid[0]);
        for (int i = 0; i < p->count && ok; i++) {
            double iou = box_iou(&o, &p->objects[i]);
            ok = iou <= cfg->max_iou;
            if (iou > 0) {     /* the marks of objects follow nd */
                const mark_t *m = &p->marks[p->nmarks - p->count + i];
                for (int c = 0; c < 3; c++)
                    avoid[navoid][c] = m->rgb[c];
                navoid++;
            }
        }
        if (!ok) continue;
        o.cls = cls;
        mark_t *m = &p->marks[p->nmarks++];
        m->shape = cls;
        m->x1 = o.x1; m->y1 = o.y1; m->x2 = o.x2; m->y2 = o.y2;
        pick_colour(cfg, r, avoid, navoid, m->rgb);
        p->objects[p->count++] = o;
        return;
    }
}
#line 419 "chapters/06-data.nw"
static void add_objects(const scene_config_t *cfg, rng_t *r, plan_t *p)
{
    int span = cfg->max_objects - cfg->min_objects + 1;
    int n = cfg->min_objects + (int)rng_below(r, (uint32_t)span);
    double size[SCENE_MAX_OBJECTS], aspect[SCENE_MAX_OBJECTS];
    int cls[SCENE_MAX_OBJECTS];
    for (int i = 0; i < n; i++) {
        cls[i] = (int)rng_below(r, SCENE_CLASSES);
        size[i] = log_uniform(r, cfg->min_size, cfg->max_size);
        aspect[i] = log_uniform(r, 1 / cfg->max_aspect,
                                cfg->max_aspect);
    }
    
#line 438 "chapters/06-data.nw"
for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && size[j] > size[j - 1]; j--) {
        double ts = size[j], ta = aspect[j];
        int tc = cls[j];
        size[j] = size[j - 1]; aspect[j] = aspect[j - 1];
        cls[j] = cls[j - 1];
        size[j - 1] = ts; aspect[j - 1] = ta; cls[j - 1] = tc;
    }
#line 432 "chapters/06-data.nw"
    for (int i = 0; i < n; i++)
        place_object(cfg, r, p, cls[i], size[i], aspect[i]);
}
#line 222 "chapters/06-data.nw"
static void plan_scene(const scene_config_t *cfg, rng_t *r, plan_t *p)
{
    p->nmarks = p->count = 0;
    draw_background(cfg, r, &p->bg);
    int nd = (int)rng_below(r, (uint32_t)cfg->max_distractors + 1);
    for (int i = 0; i < nd; i++)
        add_distractor(cfg, r, p);
    add_objects(cfg, r, p);
}
#line 508 "chapters/06-data.nw"
static void paint(const plan_t *p, double noise, rng_t *r, float *px)
{
    enum { S = SCENE_SIZE, N = SCENE_CHANNELS * S * S };
    double su[WAVES][S], cu[WAVES][S], sv[WAVES][S], cv[WAVES][S];
    double s[WAVES];
    for (int j = 0; j < WAVES; j++)
        for (int i = 0; i < S; i++) {
            double u = p->bg.k[j][0] * (i + 0.5);
            double v = p->bg.k[j][1] * (i + 0.5) + p->bg.phase[j];
            su[j][i] = sin(u); cu[j][i] = cos(u);
            sv[j][i] = sin(v); cv[j][i] = cos(v);
        }
    for (int y = 0; y < S; y++)
        for (int x = 0; x < S; x++) {
            for (int j = 0; j < WAVES; j++)
                s[j] = su[j][x] * cv[j][y] + cu[j][x] * sv[j][y];
            for (int c = 0; c < 3; c++)
                px[(c * S + y) * S + x] = (float)
                    bg_mix(&p->bg, c, x + 0.5, y + 0.5, s);
        }
    for (int i = 0; i < p->nmarks; i++)
        paint_mark(&p->marks[i], px);
    for (int i = 0; i < N; i += 2) {
        double z[2] = {0, 0}, u = 0, v = 0, q = 0;
        while (noise > 0 && (q >= 1 || q == 0)) {
            u = 2 * rng_uniform(r) - 1;
            v = 2 * rng_uniform(r) - 1;
            q = u * u + v * v;
        }
        if (noise > 0) {
            double m = noise * sqrt(-2.0 * log(q) / q);
            z[0] = m * u;
            z[1] = m * v;
        }
        for (int k = 0; k < 2; k++) {
            double w = px[i + k] + z[k];
            w = w < 0 ? 0 : w > 1 ? 1 : w;
            px[i + k] = (float)(floor(w * 255 + 0.5) / 255);
        }
    }
}
#line 553 "chapters/06-data.nw"
void scene_generate(const scene_config_t *cfg, uint64_t seed,
                    int split, long index, scene_t *out)
{
    rng_t r;
    plan_t p;
    scene_rng(&r, seed, split, index);
    plan_scene(cfg, &r, &p);
    paint(&p, cfg->noise, &r, out->pixels);
    out->count = p.count;
    memset(out->objects, 0, sizeof out->objects);
    memcpy(out->objects, p.objects,
           (size_t)p.count * sizeof *p.objects);
}

int scene_objects(const scene_config_t *cfg, uint64_t seed, int split,
                  long index, object_t objects[SCENE_MAX_OBJECTS])
{
    rng_t r;
    plan_t p;
    scene_rng(&r, seed, split, index);
    plan_scene(cfg, &r, &p);
    memcpy(objects, p.objects, (size_t)p.count * sizeof *p.objects);
    return p.count;
}
#line 331 "chapters/companion/06-data.nw"
scene_config_t scene_config_default(void)
{
    scene_config_t c = {0, 5, 12, 80, 2, 0.3, 3, 0.4, 0.15, 0.08,
                        0.03};
    return c;
}

#define REFUSE(cond, ...) \
    do { if (cond) { snprintf(err, errsize, __VA_ARGS__); \
                     return -1; } } while (0)

int scene_config_check(const scene_config_t *c, char *err,
                       size_t errsize)
{
    REFUSE(c->min_objects < 0 || c->max_objects > SCENE_MAX_OBJECTS
           || c->min_objects > c->max_objects,
           "objects: need 0 <= min <= max <= %d", SCENE_MAX_OBJECTS);
    REFUSE(!(c->max_aspect >= 1 && c->max_aspect <= 4),
           "max_aspect: need 1 <= a <= 4");
    REFUSE(!(c->min_size >= 4 && c->min_size <= c->max_size
             && c->max_size * sqrt(c->max_aspect) <= SCENE_SIZE),
           "size: need 4 <= min <= max, max * sqrt(aspect) <= %d",
           SCENE_SIZE);
    REFUSE(!(c->max_iou >= 0 && c->max_iou <= 1),
           "max_iou: need 0 <= max_iou <= 1");
    REFUSE(c->max_distractors < 0
           || c->max_distractors > SCENE_MAX_DISTRACTORS,
           "max_distractors: need 0 <= n <= %d", SCENE_MAX_DISTRACTORS);
    REFUSE(!(c->contrast >= 0 && c->contrast <= 0.8),
           "contrast: need 0 <= contrast <= 0.8");
    REFUSE(!(c->gradient >= 0 && c->gradient <= 0.5 && c->texture >= 0
             && c->texture <= 0.5 && c->noise >= 0 && c->noise <= 0.5),
           "gradient, texture, noise: need each in [0, 0.5]");
    return 0;
}
#line 371 "chapters/companion/06-data.nw"
void scene_flip(scene_t *s)
{
    chw_flip(s->pixels, SCENE_CHANNELS, SCENE_SIZE, SCENE_SIZE);
    objects_flip(s->objects, s->count, SCENE_SIZE);
}

static const char *const class_names[SCENE_CLASSES] =
    {"rectangle", "ellipse", "triangle"};
static const char *const split_names[SCENE_SPLITS] =
    {"train", "val", "test"};

const char *scene_class_name(int cls)
{
    return cls >= 0 && cls < SCENE_CLASSES ? class_names[cls] : "?";
}

const char *scene_split_name(int split)
{
    return split >= 0 && split < SCENE_SPLITS ? split_names[split]
                                              : "?";
}

int scene_split_parse(const char *name)
{
    for (int i = 0; i < SCENE_SPLITS; i++)
        if (strcmp(name, split_names[i]) == 0) return i;
    return -1;
}

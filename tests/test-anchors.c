#line 17 "chapters/companion/08-anchors.nw"
/* test-anchors.c: the grid, IoU, assignment and box coding. */
#include <math.h>
#include "anchors.h"
#include "check.h"
#include "rng.h"

#line 48 "chapters/companion/08-anchors.nw"
static void check_grid(check_t *c)
{
    anchor_grid_t g;
    check_true(c, anchor_grid_create(&g, NULL, 96, 100) == -1,
               "a side that is not a multiple of 32 is refused");
    if (!check_true(c, anchor_grid_create(&g, NULL, 128, 128) == 0,
                    "grid"))
        return;
    check_true(c, g.count == 3024 && g.offset[1] == 2304
               && g.offset[2] == 2880, "3024 anchors, level offsets");
    check_true(c, anchor_index(&g, 1, 2, 3, 4) == 2304 + 19 * 9 + 4,
               "index of P4, y 2, x 3, shape 4");
    const box_t *b = &g.box[1];          /* P3, cell (0,0), 16x16 */
    check_true(c, b->x1 == -4 && b->y1 == -4 && b->x2 == 12
               && b->y2 == 12, "P3's first square anchor");
    int bad = 0;
    for (int i = 0; i < g.count; i++) {
        
#line 74 "chapters/companion/08-anchors.nw"
int l, y, x, a;
anchor_locate(&g, i, &l, &y, &x, &a);
double s = 16.0 * (1 << l) * pow(2, (a / 3) / 3.0);
double r = a % 3 == 0 ? 0.5 : a % 3 == 1 ? 1 : 2, st = 8 << l;
box_t p = g.box[i];
box_t m = g.box[anchor_index(&g, l, y, g.cols[l] - 1 - x, a)];
double w = p.x2 - p.x1, h = p.y2 - p.y1;
bad += !(anchor_index(&g, l, y, x, a) == i
         && fabs(w * h - s * s) < 1e-5 * s * s
         && fabs(h / w - r) < 1e-5
         && fabs((p.x1 + p.x2) / 2 - (x + 0.5) * st) < 1e-4
         && fabs((p.y1 + p.y2) / 2 - (y + 0.5) * st) < 1e-4
         && fabs(m.x1 - (128 - p.x2)) < 1e-4 && m.y1 == p.y1);
#line 66 "chapters/companion/08-anchors.nw"
    }
    check_true(c, bad == 0, "index, area, ratio, centre and mirror "
               "of every anchor (%d wrong)", bad);
    anchor_grid_free(&g);
}
#line 93 "chapters/companion/08-anchors.nw"
static void check_config(check_t *c)
{
    anchor_config_t d = anchor_config_default(), e;
    anchor_grid_t g;
    check_true(c, anchor_config_check(&d) == NULL
               && anchor_config_count(&d) == 9 && d.size == 2
               && d.scale[1] == 1.0 / 3 && d.ratio[0] == 0.5
               && d.fg_iou == 0.5 && d.bg_iou == 0.4,
               "the default: 2 strides, 3 x 3 shapes, .5 and .4");
    for (int k = 0; k < 11; k++) {
        e = d;
        switch (k) {
        case 0: e.size = 0.2; break;
        case 1: e.size = 17; break;
        case 2: e.num_scales = 0; break;
        case 3: e.num_ratios = 9; break;
        case 4: e.scale[2] = 0; break;            /* twice */
        case 5: e.ratio[3] = 4; break;            /* unused, not 0 */
        case 6: e.ratio[0] = 0.1; break;
        case 7: e.scale[0] = NAN; break;
        case 8: e.bg_iou = 0.6; break;            /* above fg */
        case 9: e.bg_iou = 0; break;
        case 10: e.fg_iou = 1.5; break;
        }
        check_true(c, anchor_config_check(&e) != NULL
                   && anchor_grid_create(&g, &e, 128, 128) == -1,
                   "bad configuration %d refused (%s)", k,
                   anchor_config_check(&e));
        anchor_grid_free(&g);
    }
}
#line 139 "chapters/companion/08-anchors.nw"
static void check_other_grid(check_t *c)
{
    anchor_config_t k = {4, 2, 2, {0, 1}, {1, 4}, 0.6, 0.3};
    static const box_t want[5] = {{-12, -12, 20, 20},
        {-4, -28, 12, 36}, {-28, -28, 36, 36}, {-12, -60, 20, 68},
        {-8, -88, 56, 168}};
    anchor_grid_t g;
    if (!check_true(c, anchor_grid_create(&g, &k, 128, 128) == 0,
                    "a grid of 4 shapes"))
        return;
    int ok = g.num_anchors == 4 && g.count == 1344
             && anchor_index(&g, 1, 2, 1, 3) == 1095;
    for (int a = 0; a < 5; a++) {
        const box_t *b = &g.box[a < 4 ? a : 1095], *w = &want[a];
        ok &= b->x1 == w->x1 && b->y1 == w->y1 && b->x2 == w->x2
              && b->y2 == w->y2;
    }
    check_true(c, ok, "4 strides, scales 2^0 2^1, ratios 1 4: the "
               "boxes by hand");
    anchor_grid_free(&g);
    
#line 164 "chapters/companion/08-anchors.nw"
static const struct { float y2; int want, def; } row[] = {
    {10, 3, 3}, {8, ANCHOR_IGNORE, 3},
    {4, ANCHOR_BACKGROUND, ANCHOR_BACKGROUND},
    {5, ANCHOR_IGNORE, ANCHOR_BACKGROUND}};
anchor_targets_t t;
anchor_targets_alloc(&t, 2);
for (int r = 0; r < 4; r++) {
    object_t o = {0, 0, 16, row[r].y2, 2};
    box_t an[2] = {{0, 0, 16, 16}, {0, 0, 16, row[r].y2}};
    int ok = anchor_assign(&k, an, 2, &o, 1, &t) == 0
             && t.label[0] == row[r].want;
    ok &= anchor_assign(NULL, an, 2, &o, 1, &t) == 0
          && t.label[0] == row[r].def;
    check_true(c, ok, "IoU %g: label %d with .6/.3, %d with .5/.4",
               row[r].y2 / 16, row[r].want, row[r].def);
}
anchor_targets_free(&t);
#line 160 "chapters/companion/08-anchors.nw"
}
#line 191 "chapters/companion/08-anchors.nw"
static void check_iou(check_t *c)
{
    static const struct { box_t a, b; double want; } row[] = {
        {{0, 0, 16, 16}, {0, 0, 16, 16}, 1},
        {{0, 0, 16, 16}, {16, 0, 32, 16}, 0},      /* touching */
        {{0, 0, 16, 16}, {20, 20, 30, 30}, 0},
        {{0, 0, 16, 16}, {8, 0, 24, 16}, 1.0 / 3},
        {{0, 0, 16, 16}, {4, 4, 12, 12}, 0.25},    /* contained */
        {{0, 0, 2, 2}, {1, 1, 3, 3}, 1.0 / 7}};
    for (int k = 0; k < 6; k++)
        check_true(c, box_iou(&row[k].a, &row[k].b) == row[k].want
                   && box_iou(&row[k].b, &row[k].a) == row[k].want,
                   "IoU of pair %d is %.6f", k, row[k].want);
}

static void check_thresholds(check_t *c)
{
    static const struct { float y2; int want; } row[] = {
        {8, 3},                      /* 128/256 = .5: foreground */
        {7.9375f, ANCHOR_IGNORE},    /* 127/256: ignored */
        {40, ANCHOR_IGNORE},         /* 256/640 = .4: ignored */
        {40.0625f, ANCHOR_BACKGROUND},   /* 256/641: background */
        {6, ANCHOR_BACKGROUND}};     /* 96/256 = .375 */
    anchor_targets_t t;
    anchor_targets_alloc(&t, 2);
    for (int k = 0; k < 5; k++) {
        object_t o = {0, 0, 16, row[k].y2, 2};
        box_t an[2] = {{0, 0, 16, 16}, {0, 0, 16, row[k].y2}};
        check_true(c, anchor_assign(NULL, an, 2, &o, 1, &t) == 0
                   && t.label[0] == row[k].want && t.label[1] == 3,
                   "IoU with y2 = %g gives label %d", row[k].y2,
                   row[k].want);
    }
    anchor_targets_free(&t);
}
#line 234 "chapters/companion/08-anchors.nw"
static void check_forced(check_t *c)
{
    static const struct {
        int n; object_t o[2];
        int label[3], forced, low, unmatched;
        const char *what;
    } row[] = {
        {1, {{10, 0, 20, 16, 0}}, {1, 0, 0}, 1, 1, 0,
         "best IoU .3 (A) is forced; no reset below .4"},
        {1, {{8, 0, 24, 16, 1}}, {2, 2, 0}, 2, 1, 0,
         "A and C tie at 1/3: both forced"},
        {2, {{11, 0, 19, 16, 0}, {0, 0, 16, 7, 1}}, {2, 0, 0}, 1, 2, 1,
         "A goes to its own best object; object 0 loses it"},
        {0, {{0, 0, 1, 1, 0}}, {0, 0, 0}, 0, 0, 0,
         "no objects: all background"},
        {1, {{100, 100, 110, 110, 0}}, {0, 0, 0}, 0, 1, 1,
         "an object touching no anchor forces nothing"}};
    box_t an[3] = {{0, 0, 16, 16}, {16, 0, 32, 16}, {40, 40, 56, 56}};
    anchor_targets_t t;
    anchor_targets_alloc(&t, 3);
    for (int k = 0; k < 5; k++) {
        int ok = anchor_assign(NULL, an, 3, row[k].o, row[k].n,
                               &t) == 0;
        for (int i = 0; i < 3; i++)
            ok &= t.label[i] == row[k].label[i];
        check_true(c, ok && t.num_forced == row[k].forced
                   && t.objects_low == row[k].low
                   && t.objects_unmatched == row[k].unmatched,
                   "%s", row[k].what);
    }
    anchor_targets_free(&t);
}
#line 274 "chapters/companion/08-anchors.nw"
static void check_coding(check_t *c)
{
    box_t an = {0, 0, 16, 16}, tg = {4, 4, 20, 36};
    float d[4];
    box_encode(&an, &tg, d);
    check_true(c, d[0] == 0.25f && d[1] == 0.75f && d[2] == 0
               && fabs(d[3] - log(2)) < 1e-7, "encode by hand");
    rng_t r;
    rng_seed(&r, 8);
    double worst = 0;
    for (int k = 0; k < 1000; k++) {
        double x = 100 * rng_uniform(&r), y = 100 * rng_uniform(&r);
        box_t a = {x, y, x + 4 + 60 * rng_uniform(&r),
                   y + 4 + 60 * rng_uniform(&r)};
        x = 100 * rng_uniform(&r); y = 100 * rng_uniform(&r);
        box_t b = {x, y, x + 4 + 60 * rng_uniform(&r),
                   y + 4 + 60 * rng_uniform(&r)};
        box_encode(&a, &b, d);
        box_t e = box_decode(&a, d);
        worst = fmax(worst, fmax(fmax(fabs(e.x1 - b.x1),
                     fabs(e.y1 - b.y1)), fmax(fabs(e.x2 - b.x2),
                     fabs(e.y2 - b.y2))));
    }
    check_true(c, worst < 1e-4, "decode(encode(b)) = b within 1e-4 "
               "pixels (worst %.2g)", worst);
    float big[4] = {0, 0, 50, 0};
    box_t e = box_decode(&an, big);
    check_true(c, fabs(e.x2 - e.x1 - 1000) < 1e-2 && e.y2 - e.y1 == 16
               && fabs(BOX_LOG_CLAMP - log(1000.0 / 16)) < 1e-15,
               "d_w clamped at log(1000/16)");
}

#line 29 "chapters/companion/08-anchors.nw"
int main(void)
{
    check_t c = {"anchors", 0, 0};
    check_grid(&c);
    check_config(&c);
    check_other_grid(&c);
    check_iou(&c);
    check_thresholds(&c);
    check_forced(&c);
    check_coding(&c);
    return check_finish(&c);
}

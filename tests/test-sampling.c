#line 131 "chapters/companion/13-experiments.nw"
/* test-sampling.c: HNM and OHEM on hand-built anchors, and the
   detection loss's keep mask. */
#include <math.h>
#include <string.h>
#include "check.h"
#include "detloss.h"
#include "rng.h"
#include "sampling.h"

enum { M = 30, BIG = 200 };

#line 166 "chapters/companion/13-experiments.nw"
static void image(signed char *label, double *loss, int fg)
{
    for (int i = 0; i < M; i++) {
        label[i] = i == 5 ? ANCHOR_IGNORE
                   : fg && (i == 0 || i == 7 || i == 20) ? 1
                   : ANCHOR_BACKGROUND;
        loss[i] = i;
    }
}

static void check_hnm(check_t *c)
{
    signed char label[M];
    double loss[M];
    unsigned char keep[M];
    int want = 1, n;
    image(label, loss, 1);
    n = sampling_pick(SAMPLING_HNM, 0, M, label, loss, NULL, keep);
    for (int i = 0; i < M; i++)
        want &= keep[i] == (i == 0 || i == 7 || i >= 20);
    check_true(c, n == 12 && want, "hnm: 3 positives and negatives"
               " 21-29 (%d kept)", n);
    image(label, loss, 0);
    n = sampling_pick(SAMPLING_HNM, 0, M, label, loss, NULL, keep);
    want = 1;
    for (int i = 0; i < M; i++) want &= keep[i] == (i >= 14);
    check_true(c, n == SAMPLING_HNM_MIN && want, "hnm without"
               " positives: the %d hardest negatives", n);
    n = sampling_pick(SAMPLING_NONE, 0, M, label, loss, NULL, keep);
    check_true(c, n == M - 1 && !keep[5], "none: all but the ignored");
}
#line 212 "chapters/companion/13-experiments.nw"
static void check_ohem(check_t *c)
{
    signed char label[BIG];
    double loss[BIG];
    box_t box[BIG];
    unsigned char keep[BIG];
    image(label, loss, 1);
    for (int i = 0; i < BIG; i++)
        box[i] = (box_t){20.0f * i, 0, 20.0f * i + 10, 10};
    box[28] = box[29];
    box[27] = (box_t){box[29].x1 + 2, 0, box[29].x2 + 2, 10};
    int n = sampling_pick(SAMPLING_OHEM, 4, M, label, loss, box, keep);
    check_true(c, n == 4 && keep[29] && !keep[28] && keep[27]
               && keep[26] && keep[25], "ohem, batch 4: 29, 27, 26,"
               " 25 (28 suppressed at IoU 1, 27 kept at 2/3)");
    n = sampling_pick(SAMPLING_OHEM_13, 8, M, label, loss, box, keep);
    int want = n == 8 && keep[20] && keep[7] && !keep[0];
    for (int i = 23; i < M; i++) want &= keep[i] == (i != 28);
    check_true(c, want, "ohem-1:3, batch 8: positives 20, 7 and"
               " negatives 29-23 without 28 (%d kept)", n);
    
#line 237 "chapters/companion/13-experiments.nw"
for (int i = 0; i < BIG; i++) {
    label[i] = i % 10 == 0 ? 2 : ANCHOR_BACKGROUND;
    loss[i] = BIG - i;
    box[i] = (box_t){20.0f * i, 0, 20.0f * i + 10, 10};
}
int fg = 0;
n = sampling_pick(SAMPLING_OHEM_13, SAMPLING_OHEM_BATCH, BIG, label,
                  loss, box, keep);
for (int i = 0; i < BIG; i++) fg += keep[i] && label[i] > 0;
check_true(c, n == SAMPLING_OHEM_BATCH && fg == 20, "ohem-1:3: 128"
           " kept, all 20 positives (fewer than the quota of 32)");
for (int i = 0; i < BIG; i++) label[i] = i % 3 ? 1 : 0;
n = sampling_pick(SAMPLING_OHEM_13, SAMPLING_OHEM_BATCH, BIG, label,
                  loss, box, keep);
fg = 0;
for (int i = 0; i < BIG; i++) fg += keep[i] && label[i] > 0;
check_true(c, n == 32 + 67 && fg == 32, "ohem-1:3, 133 positives"
           " and 67 negatives: %d positive (quota 32), all negatives",
           fg);
#line 233 "chapters/companion/13-experiments.nw"
}
#line 264 "chapters/companion/13-experiments.nw"
static void check_mask(check_t *c)
{
    anchor_grid_t g;
    anchor_targets_t t;
    detloss_spec_t s = detloss_spec_default();
    detloss_result_t r0, r1, r2;
    object_t obj = {6, 6, 22, 20, 1};
    static float cls[3][3 * 9 * 16 * 16], box[3][4 * 9 * 16 * 16],
                 dc[3][3 * 9 * 16 * 16];
    static unsigned char keep[BIG * 2];
    rng_t rg;
    if (anchor_grid_create(&g, NULL, 32, 32) || anchor_targets_alloc(&t,
        g.count) || anchor_assign(&g.cfg, g.box, g.count, &obj, 1, &t))
        return;
    
#line 285 "chapters/companion/13-experiments.nw"
rng_seed(&rg, 13);
for (int l = 0; l < 3; l++)
    for (int k = 0; k < 3 * 9 * 16 * 16; k++) {
        cls[l][k] = (float)(4 * rng_uniform(&rg) - 3);
        box[l][k % (4 * 9 * 16 * 16)] = (float)rng_uniform(&rg);
    }
const float *const C[3] = {cls[0], cls[1], cls[2]},
                   *const X[3] = {box[0], box[1], box[2]};
float *const D[3] = {dc[0], dc[1], dc[2]};
int j = 0;
while (t.label[j] != ANCHOR_BACKGROUND) j++;
memset(keep, 1, sizeof keep);
detloss_eval(&s, &g, 3, 1, C, X, &t, NULL, NULL, &r0);
t.keep = keep;
detloss_eval(&s, &g, 3, 1, C, X, &t, NULL, NULL, &r1);
keep[j] = 0;
detloss_eval(&s, &g, 3, 1, C, X, &t, D, NULL, &r2);
float v[3];
double lj = 0;
anchor_read(&g, C, 0, j, 3, v);
for (int k = 0; k < 3; k++) lj += loss_eval(&s.cls, v[k], 0, NULL);
int l;
size_t o = anchor_output_offset(&g, j, 0, 3, 0, &l);
check_true(c, r0.cls == r1.cls && r0.box == r1.box, "a mask of ones"
           " changes nothing");
check_near(c, r0.cls_bg - r2.cls_bg, lj / r2.norm, 1e-9, "dropping"
           " anchor %d removes its loss / norm", j);
check_true(c, dc[l][o] == 0 && r2.num_fg == r0.num_fg && r2.box ==
           r0.box, "its gradient is 0; counts and box loss unchanged");
#line 279 "chapters/companion/13-experiments.nw"
    anchor_targets_free(&t);
    anchor_grid_free(&g);
}

#line 146 "chapters/companion/13-experiments.nw"
int main(void)
{
    check_t c = {"sampling", 0, 0};
    check_true(&c, sampling_parse("ohem-1:3") == SAMPLING_OHEM_13
               && sampling_parse("OHEM") == -1 && !sampling_name(9)
               && !strcmp(sampling_name(SAMPLING_HNM), "hnm"),
               "names and parsing");
    check_hnm(&c);
    check_ohem(&c);
    check_mask(&c);
    return check_finish(&c);
}

#line 536 "chapters/companion/13-experiments.nw"
/* test-exper.c: the loss distribution, the paired interval, the
   imbalance and the narrow network. */
#include <math.h>
#include "check.h"
#include "exper.h"

int main(void)
{
    check_t c = {"exper", 0, 0};
    double x[100], f[3], cum[3];
    char msg[128];
    for (int i = 0; i < 100; i++) x[i] = 100 - i;
    exper_cdf(x, 100, 3, f, cum);
    check_true(&c, x[0] == 1 && x[99] == 100 && f[1] == 0.5
               && cum[0] == 0 && cum[2] == 1, "sorted; ends 0 and 1");
    check_near(&c, cum[1], 1275.0 / 5050, 1e-15, "half the examples"
               " carry 1275/5050");
    check_near(&c, exper_share(x, 100, 0.5), 0.30, 1e-15, "the top"
               " 30%% carry half");
    
#line 578 "chapters/companion/13-experiments.nw"
double a[3] = {3, 5, 4}, b[3] = {1, 2, 3};
exper_ci_t ci;
check_true(&c, exper_paired(a, b, 3, &ci) == 0 && ci.n == 3,
           "three pairs");
check_near(&c, ci.mean, 2, 1e-12, "mean difference 2");
check_near(&c, ci.sd, 1, 1e-12, "standard deviation 1");
check_near(&c, ci.hi - ci.mean, 4.303 / sqrt(3), 2e-3,
           "half-width t(2) / sqrt(3)");
check_true(&c, exper_paired(a, b, 1, &ci) != 0,
           "one pair has no interval");
static const struct { int df; double t; } tq[] = {
    {1, 12.706}, {4, 2.776}, {9, 2.262}, {29, 2.045}, {100000, 1.960}};
for (int k = 0; k < 5; k++)
    check_near(&c, exper_t95(tq[k].df), tq[k].t, 2e-3,
               "t quantile from a table");
exper_ci_t up = {5, 1, 1, 0.2, 1.8}, down = {5, -1, 1, -1.8, -0.2},
           across = {5, 0.5, 1, -0.3, 1.3};
check_true(&c, exper_verdict(&up) == 1 && exper_verdict(&down) == -1
           && exper_verdict(&across) == 0, "verdicts by the interval");
scene_config_t none = scene_config_default();
none.min_objects = none.max_objects = 0;
check_true(&c, exper_imbalance(&none, SCENE_SEED, 10) == 0,
           "no objects: no ratio");
#line 605 "chapters/companion/13-experiments.nw"
anchor_grid_t g;
anchor_targets_t at;
object_t o[SCENE_MAX_OBJECTS];
scene_config_t book = scene_config_default();
double fg = 0, bg = 0;
if (anchor_grid_create(&g, NULL, SCENE_SIZE, SCENE_SIZE) == 0
    && anchor_targets_alloc(&at, g.count) == 0) {
    for (long k = 0; k < 50; k++) {
        int n = scene_objects(&book, SCENE_SEED, SCENE_TRAIN, k, o);
        anchor_assign(&g.cfg, g.box, g.count, o, n, &at);
        fg += at.num_fg;
        bg += at.num_bg;
    }
    anchor_targets_free(&at);
    anchor_grid_free(&g);
}
check_near(&c, exper_imbalance(&book, SCENE_SEED, 50), bg / fg, 1e-12,
           "the book's scenes: background per foreground anchor");
#line 556 "chapters/companion/13-experiments.nw"
    train_config_t t = train_config_default();
    t.net = exper_narrow_net();
    check_true(&c, !train_config_check(&t, msg, sizeof msg)
               && t.net.head_width * 2
                  == train_config_default().net.head_width,
               "the narrow network is valid and half as wide");
    return check_finish(&c);
}

#line 515 "chapters/companion/13-experiments.nw"
/* test-exper.c: the loss distribution and the narrow network. */
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
    train_config_t t = train_config_default();
    t.net = exper_narrow_net();
    check_true(&c, !train_config_check(&t, msg, sizeof msg)
               && t.net.head_width * 2
                  == train_config_default().net.head_width,
               "the narrow network is valid and half as wide");
    return check_finish(&c);
}

#line 765 "chapters/90-tools.nw"
/* test-tools.c: the flag parser and the random generator. */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "cli.h"
#include "rng.h"

int main(void)
{
    check_t c = {"tools", 0, 0};
    
#line 782 "chapters/90-tools.nw"
{
    static const char *bad[] = {"", "x", "2x", "1e999", "nan", "inf",
                                "-inf", " ", "0x"};
    double v = 0;
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_true(&c, parse_double(bad[i], &v) != 0,
                   "parse_double refuses '%s'", bad[i]);
    check_true(&c, parse_double("-2.5e-3", &v) == 0 && v == -2.5e-3,
               "parse_double reads -2.5e-3");
    char msg[8];
    check_true(&c, errf(msg, sizeof msg, "%s: %d", "file", 12345) == -1
               && strcmp(msg, "file: 1") == 0,
               "errf returns -1 and truncates to the buffer");
    check_true(&c, errf(NULL, 0, "%d", 1) == -1,
               "errf without a buffer");
}
#line 776 "chapters/90-tools.nw"
    
#line 808 "chapters/90-tools.nw"
{
    rng_t a, b;
    rng_seed(&a, 42); rng_seed(&b, 42);
    int same = 1;
    for (int i = 0; i < 100; i++) same &= rng_u64(&a) == rng_u64(&b);
    check_true(&c, same, "the same seed gives the same stream");
    rng_seed(&b, 43);
    check_true(&c, rng_u64(&a) != rng_u64(&b), "seeds 42, 43 differ");
    double su = 0, sn = 0, sn2 = 0, lo = 1, hi = 0;
    int n = 100000, below_ok = 1;
    for (int i = 0; i < n; i++) {
        double u = rng_uniform(&a), z = rng_normal(&a);
        su += u; sn += z; sn2 += z * z;
        lo = u < lo ? u : lo; hi = u > hi ? u : hi;
        below_ok &= rng_below(&a, 7) < 7;
    }
    check_true(&c, lo >= 0 && hi < 1, "uniform draws lie in [0, 1)");
    check_near(&c, su / n, 0.5, 0.02, "uniform mean");
    check_near(&c, sn / n, 0.0, 0.02, "normal mean");
    check_near(&c, sn2 / n, 1.0, 0.02, "normal variance");
    check_true(&c, below_ok, "rng_below(7) stays below 7");
}
#line 777 "chapters/90-tools.nw"
    return check_finish(&c);
}

#line 454 "chapters/90-tools.nw"
/* check.h: the test harness; one line per check. */
#ifndef CHECK_H
#define CHECK_H
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

typedef struct { const char *suite; int passed, failed; } check_t;

#line 481 "chapters/90-tools.nw"
static inline int check_vreport(check_t *c, int ok, const char *detail,
                                const char *fmt, va_list ap)
{
    printf("%s - %s: ", ok ? "ok" : "not ok", c->suite);
    vprintf(fmt, ap);
    if (!ok && detail && *detail)
        printf(": %s", detail);
    putchar('\n');
    if (ok) c->passed++; else c->failed++;
    return ok;
}

static inline int check_true(check_t *c, int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    check_vreport(c, ok, "", fmt, ap);
    va_end(ap);
    return ok;
}
#line 510 "chapters/90-tools.nw"
static inline int check_near(check_t *c, double got, double want,
                             double tol, const char *fmt, ...)
{
    char detail[160];
    int ok = fabs(got - want) <= tol;
    snprintf(detail, sizeof detail, "got %.17g, want %.17g (+- %g)",
             got, want, tol);
    va_list ap;
    va_start(ap, fmt);
    check_vreport(c, ok, detail, fmt, ap);
    va_end(ap);
    return ok;
}

static inline int check_rel(check_t *c, double got, double want,
                            double rel, const char *fmt, ...)
{
    char detail[160];
    int ok = fabs(got - want) <= rel * fabs(want);
    snprintf(detail, sizeof detail,
             "got %.17g, want %.17g (relative %g)", got, want, rel);
    va_list ap;
    va_start(ap, fmt);
    check_vreport(c, ok, detail, fmt, ap);
    va_end(ap);
    return ok;
}

#line 466 "chapters/90-tools.nw"
/* The exit status of a test program: 0 when every check passed. */
static inline int check_finish(const check_t *c)
{
    printf("# %s: %d passed, %d failed\n", c->suite, c->passed,
           c->failed);
    return c->failed ? 1 : 0;
}
#endif

#line 129 "chapters/92-lab.nw"
/* ex-check.h: the harness of the lab's checkers: one line per
   property, PASS or FAIL with the failing input. */
#ifndef EX_CHECK_H
#define EX_CHECK_H
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

typedef struct { char why[600]; } lab_t;
typedef struct {
    const char *what;          /* the property, as a sentence */
    int (*run)(lab_t *l);      /* 1: holds; 0: fails, why set */
} lab_case_t;

#line 152 "chapters/92-lab.nw"
#ifdef __GNUC__
__attribute__((format(printf, 2, 3)))
#endif
static inline int lab_fail(lab_t *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->why, sizeof l->why, fmt, ap);
    va_end(ap);
    return 0;
}

static inline const char *lab_vec(char *buf, size_t size,
                                  const double *v, int n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used + 1 < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%.9g",
                         i ? ", " : "(", v[i]);
        used += w > 0 ? (size_t)w : 0;
    }
    if (used + 1 < size) snprintf(buf + used, size - used, ")");
    return buf;
}

/* Are A and B equal within REL relative to the larger, or ABS? */
static inline int lab_close(double a, double b, double rel,
                            double abs_tol)
{
    return fabs(a - b) <= abs_tol + rel * fmax(fabs(a), fabs(b));
}
#line 190 "chapters/92-lab.nw"
static inline int lab_run(const char *exercise,
                          const lab_case_t *cases, int n)
{
    lab_t l;
    int failed = 0, todo = 0;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("checking exercises/%s.c\n", exercise);
    for (int i = 0; i < n; i++) {
        l.why[0] = '\0';
        int ok = !todo && cases[i].run(&l);
        if (ok)
            printf("PASS  %s\n", cases[i].what);
        else if (todo)
            printf("FAIL  %s: not implemented\n", cases[i].what);
        else
            printf("FAIL  %s: %s\n", cases[i].what, l.why);
        failed += !ok;
        todo |= i == 0 && !ok;
    }
    if (failed)
        printf("FAIL: %d of %d checks fail; fix the first one"
               " first\n", failed, n);
    else
        printf("PASS: all %d checks pass\n", n);
    return failed ? 1 : 0;
}
#line 145 "chapters/92-lab.nw"
#endif

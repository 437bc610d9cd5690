#line 893 "chapters/90-tools.nw"
/* figout.c: the output files and macros of the figure programs. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "figout.h"

int fig_open(fig_file *o, const char *dir, const char *name)
{
    char err[FIG_ERR_SIZE];
    o->f = NULL;
    if ((o->path = path_join(dir, name)) == NULL) {
        fprintf(stderr, "%s/%s: out of memory\n", dir, name);
        return -1;
    }
    if (out_open(&o->out, o->path, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(o->path);
        return -1;
    }
    o->f = o->out.f;
    return 0;
}

int fig_close(fig_file *o)
{
    char err[FIG_ERR_SIZE];
    int st = out_commit(&o->out, err, sizeof err);
    if (st) fprintf(stderr, "%s\n", err);
    o->f = NULL;
    free(o->path);
    return st;
}

void fig_abort(fig_file *o)
{
    out_abort(&o->out);
    o->f = NULL;
    free(o->path);
}

void fig_macro(FILE *f, const char *name, const char *fmt, ...)
{
    va_list ap;
    fprintf(f, "\\newcommand{\\%s}{", name);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputs("}\n", f);
}

int fig_env_double(const char *var, double fallback, double lo,
                   double hi, double *out)
{
    const char *text = getenv(var);
    double v;
    if (text == NULL || *text == '\0') {
        *out = fallback;
        return 0;
    }
    if (parse_double(text, &v) != 0 || !(v >= lo && v <= hi)) {
        fprintf(stderr, "%s: '%s' is not a number in [%g, %g]\n",
                var, text, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

void fig_machine(char *buf, size_t size)
{
    char line[512], *o = buf;
    FILE *f = fopen("/proc/cpuinfo", "r");
    snprintf(buf, size, "an unnamed processor");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0 && strchr(line, ':')) {
            char *v = strchr(line, ':') + 1;
            v += strspn(v, " \t");
            snprintf(buf, size, "%s", v);
            break;
        }
    if (f) fclose(f);
    for (char *s = buf; *s; s++)
        if (!strchr("\\{}$&#^_%~\n", *s)) *o++ = *s;
    *o = '\0';
}

const char *fig_compiler(void)
{
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "gcc " __VERSION__;
#else
    return "an unknown C compiler";
#endif
}

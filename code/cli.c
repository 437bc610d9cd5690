#line 204 "chapters/90-tools.nw"
/* cli.c: reading command-line flags, and reporting errors. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

#line 225 "chapters/90-tools.nw"
static void vreport(const char *cmd, const char *fmt, va_list ap)
{
    fprintf(stderr, "retina %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(cmd, fmt, ap);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_fail(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(cmd, fmt, ap);
    va_end(ap);
    return EXIT_FAIL;
}

int errf(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errsize) vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    return -1;
}
#line 261 "chapters/90-tools.nw"
int parse_double(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int cli_double(const char *cmd, const char *flag, const char *text,
               double lo, double hi, double *out)
{
    double v;
    if (parse_double(text, &v) != 0)
        return cli_usage(cmd, "%s: '%s' is not a finite number",
                         flag, text);
    if (v < lo || v > hi)
        return cli_usage(cmd, "%s: %s is out of range [%g, %g]",
                         flag, text, lo, hi);
    *out = v;
    return 0;
}

int cli_long(const char *cmd, const char *flag, const char *text,
             long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE)
        return cli_usage(cmd, "%s: '%s' is not a whole number",
                         flag, text);
    if (v < lo || v > hi)
        return cli_usage(cmd, "%s: %s is out of range [%ld, %ld]",
                         flag, text, lo, hi);
    *out = v;
    return 0;
}
#line 304 "chapters/90-tools.nw"
const char *cli_value(const char *cmd, int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        cli_usage(cmd, "%s: needs a value", cli_shown(argv[*i]));
        return NULL;
    }
    *i += 1;
    return argv[*i];
}

int cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

const char *cli_shown(const char *arg)
{
    return arg[0] ? arg : "''";
}
#line 333 "chapters/90-tools.nw"
long cli_threads_default(void)
{
#ifdef _SC_NPROCESSORS_ONLN
    long n = sysconf(_SC_NPROCESSORS_ONLN);
#else
    long n = 1;   /* no portable way to ask */
#endif
    return n < 1 ? 1 : n > CLI_MAX_THREADS ? CLI_MAX_THREADS : n;
}
#line 352 "chapters/90-tools.nw"
int cli_check_only(void)
{
    return getenv("RETINA_CHECK_ONLY") != NULL;
}

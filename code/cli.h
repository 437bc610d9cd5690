#line 139 "chapters/90-tools.nw"
/* cli.h: reading command-line flags, and reporting errors. */
#ifndef CLI_H
#define CLI_H
#include <stddef.h>

enum { EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Print "retina CMD: MESSAGE" to stderr; return EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Print "retina CMD: MESSAGE" to stderr; return EXIT_FAIL. */
int cli_fail(const char *cmd, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Parse TEXT as a finite number in [lo, hi] into *out.  Return 0, or
   report "retina CMD: FLAG: ..." and return EXIT_USAGE. */
int cli_double(const char *cmd, const char *flag, const char *text,
               double lo, double hi, double *out);
/* The same for a whole number in [lo, hi]. */
int cli_long(const char *cmd, const char *flag, const char *text,
             long lo, long hi, long *out);
/* The value after flag argv[*i], advancing *i; NULL (reported) when
   the flag is the last argument. */
const char *cli_value(const char *cmd, int argc, char **argv, int *i);
/* Is ARG one of -h, --help? */
int cli_is_help(const char *arg);
/* ARG as a message names it: '' when it is empty, so that a message
   never reads ": unknown flag". */
const char *cli_shown(const char *arg);
/* The default of every --threads flag: the processors available,
   in [1, CLI_MAX_THREADS]. */
enum { CLI_MAX_THREADS = 64 };
long cli_threads_default(void);
/* Is RETINA_CHECK_ONLY set?  Then a subcommand stops, status 0, once
   its command line and its outputs are checked, before any work (for
   the command line's fuzz target, Appendix on faults). */
int cli_check_only(void);
/* Parse TEXT strictly as a finite double: no trailing characters, no
   overflow.  Return 0 on success, -1 otherwise. */
int parse_double(const char *text, double *out);
/* For library code that reports rather than prints: write the
   message into err (when err is not NULL and errsize > 0) and
   return -1, so that a reader can end with `return errf(...)`. */
int errf(char *err, size_t errsize, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif

#line 845 "chapters/90-tools.nw"
/* figout.h: the output files and macros of the figure programs. */
#ifndef FIGOUT_H
#define FIGOUT_H
#include <stddef.h>
#include <stdio.h>
#include "files.h"

/* An output file: DIR/NAME, written as DIR/NAME.tmp until closed. */
typedef struct { FILE *f; char *path; out_file out; } fig_file;
enum { FIG_ERR_SIZE = 8192 };

/* Open O for DIR/NAME.  Return 0, or report and return -1. */
int fig_open(fig_file *o, const char *dir, const char *name);
/* Flush and close O and rename it into place.  Return 0, or report,
   remove the temporary file and return -1. */
int fig_close(fig_file *o);
/* Close O and remove its temporary file, leaving DIR/NAME as it was. */
void fig_abort(fig_file *o);
/* Write \newcommand{\NAME}{TEXT}, TEXT formatted as by printf. */
void fig_macro(FILE *f, const char *name, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Read the environment variable VAR as a number in [lo, hi] into
   *out; FALLBACK when it is unset or empty.  Return 0, or report
   "VAR: 'text' is not a number in [lo, hi]" and return -1. */
int fig_env_double(const char *var, double fallback, double lo,
                   double hi, double *out);
/* The processor's name from /proc/cpuinfo, without TeX's special
   characters; "an unnamed processor" when there is none. */
void fig_machine(char *buf, size_t size);
/* The compiler and its version, e.g. "gcc 12.2.0". */
const char *fig_compiler(void);
#endif

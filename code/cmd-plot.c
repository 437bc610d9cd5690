#line 1376 "chapters/90-tools.nw"
/* cmd-plot.c: the plot subcommand: a log or a curve as a PNG. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "commands.h"
#include "files.h"
#include "plot.h"

enum { TABLE_COLS = 32, TABLE_LINE = 4096, PLOT_FILES = 8 };

/* A file of numbers: NCOLS named columns of NROWS values each. */
typedef struct {
    const char *path;
    int ncols, nnames;
    char names[TABLE_COLS][PLOT_NAME], note[PLOT_NAME];
    long nrows, cap;
    double *col[TABLE_COLS];
} table_t;

static const char *const plot_usage =
    "usage: retina plot FILE... [--x COL] [--y COL[,COL...]]"
    " [--log-y]\n"
    "                   [--out PICTURE.png]\n"
    "Draws columns of a training log (retina train --log) or of a\n"
    "curve (retina loss --curve) as lines in a PNG picture.  COL is\n"
    "a column's name or number (from 1).  Defaults:\n"
    "  --x COL        [the first column]\n"
    "  --y COLS       [cls,box for a log; loss for a curve; else\n"
    "                 every other column], up to 8 lines in all\n"
    "  --log-y        a logarithmic y axis [off]\n"
    "  --out FILE     [the first FILE with .png added]\n";

#line 1425 "chapters/90-tools.nw"
/* Split TEXT in place at SEP (',' or any blank when SEP is 0). */
static int split(char *text, int sep, char **field, int max)
{
    int n = 0;
    char *p = text;
    if (sep) {
        for (;;) {
            if (n < max) field[n] = p;
            n++;
            if ((p = strchr(p, sep)) == NULL) break;
            *p++ = '\0';
        }
        return n;
    }
    while (*(p += strspn(p, " \t"))) {
        if (n < max) field[n] = p;
        n++;
        p += strcspn(p, " \t");
        if (*p) *p++ = '\0';
    }
    return n;
}

/* The names a comment line gives (the words before a '('), and the
   rest as a note: "# p_t x_t loss dloss/dx_t (FL gamma=2 ...)". */
static void names_from_comment(table_t *t, char *text)
{
    char *paren = strchr(text, '(');
    if (paren) {
        *paren = '\0';
        snprintf(t->note, sizeof t->note, "%.*s",
                 (int)strcspn(paren + 1, ")"), paren + 1);
    }
    char *w[TABLE_COLS];
    int n = split(text, 0, w, TABLE_COLS);
    t->nnames = n > TABLE_COLS ? 0 : n;
    for (int k = 0; k < t->nnames; k++)
        snprintf(t->names[k], PLOT_NAME, "%s", w[k]);
}

static int add_row(table_t *t, char **f, int n, long lineno,
                   char *err, size_t errsize)
{
    if (t->ncols == 0) {          /* the first row fixes the width */
        if (n > TABLE_COLS)
            return errf(err, errsize, "%s:%ld: %d columns; at most %d",
                        t->path, lineno, n, TABLE_COLS);
        t->ncols = n;
        if (t->nnames != n)
            for (int k = 0; k < n; k++)
                snprintf(t->names[k], PLOT_NAME, "%d", k + 1);
    }
    if (n != t->ncols)
        return errf(err, errsize, "%s:%ld: %d fields, but the file has"
                    " %d columns", t->path, lineno, n, t->ncols);
    if (t->nrows == t->cap) {
        long cap = t->cap ? 2 * t->cap : 256;
        for (int k = 0; k < n; k++) {
            double *c = realloc(t->col[k], (size_t)cap * sizeof *c);
            if (!c) return errf(err, errsize, "%s: out of memory",
                                t->path);
            t->col[k] = c;
        }
        t->cap = cap;
    }
    for (int k = 0; k < n; k++) {
        double v = NAN;
        if (*f[k] && parse_double(f[k], &v) != 0)
            return errf(err, errsize, "%s:%ld: column %s: '%s' is not"
                        " a number", t->path, lineno, t->names[k],
                        f[k]);
        t->col[k][t->nrows] = v;
    }
    t->nrows++;
    return 0;
}

/* Read a CSV file with a header line, or blank-separated numbers with
   an optional '#' line naming the columns.  Blank lines and other
   comments are skipped; an empty CSV field is a value not measured. */
static int read_table(const char *path, table_t *t, char *err,
                      size_t errsize)
{
    FILE *in = fopen(path, "r");
    char line[TABLE_LINE], *f[TABLE_COLS + 1];
    long lineno = 0;
    int st = 0;
    memset(t, 0, sizeof *t);
    t->path = path;
    if (!in) return errf(err, errsize, "%s: cannot read: %s", path,
                         strerror(errno));
    while (!st && fgets(line, sizeof line, in)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(in)) {
            st = errf(err, errsize, "%s:%ld: longer than %d characters",
                      path, lineno, TABLE_LINE - 2);
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line + strspn(line, " \t");
        int sep = strchr(p, ',') ? ',' : 0;
        if (*p == '\0' || (*p == '#' && t->nrows)) continue;
        if (*p == '#') names_from_comment(t, p + 1);
        else if (t->nrows == 0 && t->nnames == 0 && sep
                 && (isalpha((unsigned char)*p) || *p == '_')) {
            int n = split(p, sep, f, TABLE_COLS + 1);
            for (int k = 0; k < n && k < TABLE_COLS; k++)
                snprintf(t->names[k], PLOT_NAME, "%s", f[k]);
            t->nnames = n;
        } else
            st = add_row(t, f, split(p, sep, f, TABLE_COLS + 1), lineno,
                         err, errsize);
    }
    if (!st && ferror(in))
        st = errf(err, errsize, "%s: read error", path);
    fclose(in);
    if (!st && t->nrows == 0)
        st = errf(err, errsize, "%s: no rows of numbers", path);
    return st;
}
#line 1552 "chapters/90-tools.nw"
/* The column named NAME, or numbered NAME from 1; -1 if none. */
static int column(const table_t *t, const char *name)
{
    char *end;
    long k = strtol(name, &end, 10);
    if (*name && *end == '\0') return k >= 1 && k <= t->ncols
                                      ? (int)k - 1 : -1;
    for (int j = 0; j < t->ncols; j++)
        if (strcmp(t->names[j], name) == 0) return j;
    return -1;
}

/* The default lines: a log's two losses, a curve's loss, or every
   column but x. */
static int default_ys(const table_t *t, int x, int *ys)
{
    int n = 0, cls = column(t, "cls"), box = column(t, "box"),
        loss = column(t, "loss");
    if (cls >= 0 && box >= 0) { ys[n++] = cls; ys[n++] = box; }
    else if (loss >= 0 && loss != x) ys[n++] = loss;
    else
        for (int j = 0; j < t->ncols && n < PLOT_MAX_SERIES; j++)
            if (j != x) ys[n++] = j;
    return n;
}

/* Add file T's lines to P: the columns named in YLIST, or the
   defaults.  A line is named after its column, the curve's note and,
   when several files are drawn, the file. */
static int add_lines(plot_t *p, const table_t *t, const char *xname,
                     const char *ylist, int nfiles)
{
    const char *cmd = "plot";
    int x = xname ? column(t, xname) : 0, ys[TABLE_COLS], n = 0;
    if (x < 0)
        return cli_usage(cmd, "--x: %s: %s has no such column",
                         cli_shown(xname), t->path);
    if (!ylist) n = default_ys(t, x, ys);
    else {
        char buf[1024], *w[TABLE_COLS + 1];
        snprintf(buf, sizeof buf, "%s", ylist);
        int m = split(buf, ',', w, TABLE_COLS + 1);
        for (int k = 0; k < m && k < TABLE_COLS; k++)
            if ((ys[n++] = column(t, w[k])) < 0)
                return cli_usage(cmd, "--y: %s: %s has no such column"
                                 " (it has %d)", cli_shown(w[k]),
                                 t->path, t->ncols);
    }
    for (int k = 0; k < n; k++) {
        if (p->count == PLOT_MAX_SERIES)
            return cli_usage(cmd, "more than %d lines; choose columns"
                             " with --y", PLOT_MAX_SERIES);
        plot_series_t *s = &p->s[p->count++];
        const char *base = strrchr(t->path, '/');
        snprintf(s->name, sizeof s->name, "%s%s%s%s%s",
                 nfiles > 1 && !*t->note ? (base ? base + 1 : t->path)
                 : "", nfiles > 1 && !*t->note ? ": " : "",
                 t->names[ys[k]], *t->note ? " " : "", t->note);
        s->n = (int)t->nrows;
        s->x = t->col[x];
        s->y = t->col[ys[k]];
    }
    return 0;
}
#line 1619 "chapters/90-tools.nw"
int cmd_plot(int argc, char **argv)
{
    const char *cmd = "plot", *files[PLOT_FILES], *out = NULL,
               *xname = NULL, *ylist = NULL;
    int nfiles = 0, log_y = 0;
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i], **sv;
        if (cli_is_help(f)) { fputs(plot_usage, stdout); return 0; }
        if (!strcmp(f, "--log-y")) { log_y = 1; continue; }
        sv = !strcmp(f, "--out") ? &out : !strcmp(f, "--x") ? &xname
             : !strcmp(f, "--y") ? &ylist : NULL;
        if (sv && (*sv = cli_value(cmd, argc, argv, &i)) == NULL)
            return EXIT_USAGE;
        else if (!sv && f[0] == '-' && f[1] == '-')
            return cli_usage(cmd, "%s: unknown flag (try --help)", f);
        else if (!sv && nfiles == PLOT_FILES)
            return cli_usage(cmd, "%s: at most %d files",
                             cli_shown(f), PLOT_FILES);
        else if (!sv) files[nfiles++] = f;
    }
    if (nfiles == 0)
        return cli_usage(cmd, "no file to plot\n%s", plot_usage);
    char err[DATA_ERR_SIZE], *png = NULL;
    
#line 1677 "chapters/90-tools.nw"
if (out == NULL && (out = png = malloc(strlen(files[0]) + 5)))
    sprintf(png, "%s.png", files[0]);
int bad = out == NULL ? (snprintf(err, sizeof err, "out of memory"),
                         EXIT_FAIL)
    : out_check(out, files, nfiles, err, sizeof err);
if (bad) {
    free(png);
    return out_refuse(cmd, bad, err);
}
if (cli_check_only()) {
    free(png);
    return 0;
}
#line 1643 "chapters/90-tools.nw"
    table_t *t = calloc((size_t)nfiles, sizeof *t);
    plot_t p = {.log_y = log_y};
    image_t img = {0, 0, NULL};
    int st = t ? 0 : cli_fail(cmd, "out of memory");
    for (int i = 0; i < nfiles && !st; i++)
        st = read_table(files[i], &t[i], err, sizeof err)
             ? cli_fail(cmd, "%s", err)
             : add_lines(&p, &t[i], xname, ylist, nfiles);
    if (!st) {
        p.xname = t[0].names[xname ? column(&t[0], xname) : 0];
        st = image_alloc(&img, PLOT_WIDTH, PLOT_HEIGHT)
             ? cli_fail(cmd, "out of memory")
             : plot_draw(&p, &img, err, sizeof err)
               || image_write_png(out, &img, err, sizeof err)
             ? cli_fail(cmd, "%s", err) : 0;
    }
    if (!st) printf("%s: %d line%s against %s\n", out, p.count,
                    p.count > 1 ? "s" : "", p.xname);
    image_free(&img);
    for (int i = 0; t && i < nfiles; i++)
        for (int k = 0; k < TABLE_COLS; k++) free(t[i].col[k]);
    free(t);
    free(png);
    return st;
}

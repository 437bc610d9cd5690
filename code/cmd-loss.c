#line 419 "chapters/companion/03-focal-loss.nw"
/* cmd-loss.c: retina loss, the losses of logits from stdin. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "commands.h"
#include "loss.h"

#define CMD "loss"
enum { LINE_CAP = 255, POINTS_DEFAULT = 99, POINTS_MAX = 1000000 };

struct loss_options {
    loss_spec spec;
    int curve, target, help;
    long points;
};

#line 392 "chapters/companion/03-focal-loss.nw"
static void print_loss_usage(FILE *out)
{
    fputs(
"usage: retina loss [OPTIONS] < LINES\n"
"Reads lines 'logit target' (target 0 or 1) and writes\n"
"'logit target loss grad', grad = d loss / d logit, with 9 digits.\n"
"Blank lines are skipped; lines starting with '#' are copied.\n"
"  --loss focal|ce|star  the loss (default focal)\n"
"  --star                the same as --loss star (FL*)\n"
"  --gamma G             focusing parameter, 0 <= G <= 20 (default 2;\n"
"                        FL* needs G >= 0.01; ce has no gamma)\n"
"  --alpha A|none        weight of positives in [0, 1]; negatives\n"
"                        get 1 - A; none or -1: no weighting\n"
"                        (default 0.25)\n"
"  --beta B              shift of FL*, -100 <= B <= 100 (default 0)\n"
"  --curve               print 'p_t x_t loss grad' for N values of\n"
"                        p_t in (0, 1) instead; grad = d loss / d x_t\n"
"  --points N            N for --curve, 1 <= N <= 1000000\n"
"                        (default 99)\n"
"  --target T            target for --curve, 0 or 1 (default 1)\n"
"Errors name the flag or the line; exit status 2.\n", out);
}
#line 536 "chapters/companion/03-focal-loss.nw"
static int read_alpha(const char *v, double *alpha)
{
    double a;
    if (strcmp(v, "none") == 0
        || (parse_double(v, &a) == 0 && a == -1)) {
        *alpha = LOSS_ALPHA_OFF;
        return 0;
    }
    if (parse_double(v, &a) != 0 || a < 0 || a > 1)
        return cli_usage(CMD, "--alpha: '%s' is not in [0, 1], none"
                         " or -1", v);
    *alpha = a;
    return 0;
}
#line 468 "chapters/companion/03-focal-loss.nw"
static int read_loss_flags(int argc, char **argv,
                           struct loss_options *o)
{
    const char *curve_only = NULL;
    int set_gamma = 0, set_beta = 0;
    *o = (struct loss_options){loss_spec_default(), 0, 1, 0,
                               POINTS_DEFAULT};
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i], *v = NULL;
        if (strcmp(f, "--loss") == 0 || strcmp(f, "--gamma") == 0
            || strcmp(f, "--alpha") == 0 || strcmp(f, "--beta") == 0
            || strcmp(f, "--points") == 0 || strcmp(f, "--target") == 0)
            if (!(v = cli_value(CMD, argc, argv, &i)))
                return EXIT_USAGE;
        
#line 490 "chapters/companion/03-focal-loss.nw"
if (cli_is_help(f)) {
    o->help = 1;
    return 0;
} else if (strcmp(f, "--star") == 0) {
    o->spec.kind = LOSS_FOCAL_STAR;
} else if (strcmp(f, "--curve") == 0) {
    o->curve = 1;
} else if (strcmp(f, "--loss") == 0) {
    if (strcmp(v, "focal") == 0) o->spec.kind = LOSS_FOCAL;
    else if (strcmp(v, "ce") == 0) o->spec.kind = LOSS_CE;
    else if (strcmp(v, "star") == 0) o->spec.kind = LOSS_FOCAL_STAR;
    else return cli_usage(CMD, "--loss: '%s' is not focal, ce or star",
                          v);
} else if (strcmp(f, "--gamma") == 0) {
    if (cli_double(CMD, f, v, 0, LOSS_GAMMA_MAX, &o->spec.gamma))
        return EXIT_USAGE;
    set_gamma = 1;
} else if (strcmp(f, "--alpha") == 0) {
    if (read_alpha(v, &o->spec.alpha))
        return EXIT_USAGE;
} else if (strcmp(f, "--beta") == 0) {
    if (cli_double(CMD, f, v, -LOSS_BETA_MAX, LOSS_BETA_MAX,
                   &o->spec.beta))
        return EXIT_USAGE;
    set_beta = 1;
} else if (strcmp(f, "--points") == 0) {
    if (cli_long(CMD, f, v, 1, POINTS_MAX, &o->points))
        return EXIT_USAGE;
    curve_only = f;
} else if (strcmp(f, "--target") == 0) {
    long t;
    if (cli_long(CMD, f, v, 0, 1, &t))
        return EXIT_USAGE;
    o->target = (int)t;
    curve_only = f;
} else {
    return cli_usage(CMD, "unknown option '%s' (try: retina loss"
                     " --help)", f);
}
#line 483 "chapters/companion/03-focal-loss.nw"
    }
    
#line 557 "chapters/companion/03-focal-loss.nw"
if (o->spec.kind == LOSS_CE && set_gamma)
    return cli_usage(CMD, "--gamma: cross entropy has no gamma (it is"
                     " the focal loss with gamma 0)");
if (o->spec.kind != LOSS_FOCAL_STAR && set_beta)
    return cli_usage(CMD, "--beta: only FL* (--loss star) has a beta");
if (curve_only && !o->curve)
    return cli_usage(CMD, "%s: only with --curve", curve_only);
if (o->spec.kind == LOSS_FOCAL_STAR
    && o->spec.gamma < LOSS_STAR_GAMMA_MIN)
    return cli_usage(CMD, "--gamma: %g is below %g, the least FL*"
                     " accepts", o->spec.gamma, LOSS_STAR_GAMMA_MIN);
const char *why = loss_spec_check(&o->spec);
if (why)
    return cli_usage(CMD, "%s", why);
#line 485 "chapters/companion/03-focal-loss.nw"
    return 0;
}
#line 593 "chapters/companion/03-focal-loss.nw"
/* Split LINE into at most MAX fields; *COMMENT is the '#' that
   starts a comment, or NULL.  Returns the number of fields. */
static int split_fields(char *line, char **field, int max,
                        char **comment)
{
    const char *blank = " \t\r\f\v";
    int n = 0;
    *comment = NULL;
    line[strcspn(line, "\n")] = '\0';
    for (char *p = line + strspn(line, blank); *p && n < max;
         p += strspn(p, blank)) {
        if (*p == '#') {
            *comment = p;
            break;
        }
        field[n++] = p;
        p += strcspn(p, blank);
        if (*p)
            *p++ = '\0';
    }
    return n;
}
#line 621 "chapters/companion/03-focal-loss.nw"
static int losses_of_lines(const loss_spec *s)
{
    char line[LINE_CAP + 2];              /* text, newline, NUL */
    long lineno = 0;
    while (fgets(line, sizeof line, stdin)) {
        char *field[3], *comment;
        size_t len = strlen(line);
        lineno++;
        if (len == sizeof line - 1 && line[len - 1] != '\n')
            return cli_usage(CMD, "stdin:%ld: line longer than %d"
                             " characters", lineno, LINE_CAP);
        int n = split_fields(line, field, 3, &comment);
        if (n == 0) {
            if (comment)
                printf("%s\n", comment);
            continue;
        }
        
#line 650 "chapters/companion/03-focal-loss.nw"
double x, t;
if (parse_double(field[0], &x) != 0)
    return cli_usage(CMD, "stdin:%ld: logit '%s' is not a finite"
                     " number", lineno, field[0]);
if (n < 2)
    return cli_usage(CMD, "stdin:%ld: missing target after logit"
                     " '%s'", lineno, field[0]);
if (n > 2)
    return cli_usage(CMD, "stdin:%ld: extra field '%s' (want: logit"
                     " target)", lineno, field[2]);
if (parse_double(field[1], &t) != 0 || (t != 0 && t != 1))
    return cli_usage(CMD, "stdin:%ld: target '%s' is not 0 or 1",
                     lineno, field[1]);
loss_print_line(stdout, s, x, t == 1);
#line 639 "chapters/companion/03-focal-loss.nw"
    }
    if (ferror(stdin))
        return cli_fail(CMD, "stdin: read error");
    return 0;
}
#line 675 "chapters/companion/03-focal-loss.nw"
static int print_loss_curve(const struct loss_options *o)
{
    const loss_spec *s = &o->spec;
    double y = o->target ? 1.0 : -1.0;
    printf("# p_t x_t loss dloss/dx_t (%s", s->kind == LOSS_CE ? "CE"
           : s->kind == LOSS_FOCAL ? "FL" : "FL*");
    if (s->kind != LOSS_CE) printf(" gamma=%g", s->gamma);
    if (s->kind == LOSS_FOCAL_STAR) printf(" beta=%g", s->beta);
    if (s->alpha < 0) printf(" alpha=none");
    else printf(" alpha=%g", s->alpha);
    printf(" target=%d)\n", o->target);
    for (long i = 1; i <= o->points; i++) {
        double p_t = (double)i / (double)(o->points + 1);
        double x_t = log(p_t) - log1p(-p_t), g;
        double l = loss_eval(&o->spec, y * x_t, o->target, &g);
        printf("%.9g %.9g %.9g %.9g\n", p_t, x_t, l + 0.0,
               y * g + 0.0);
    }
    return 0;
}

#line 443 "chapters/companion/03-focal-loss.nw"
int cmd_loss(int argc, char **argv)
{
    struct loss_options o;
    int status = read_loss_flags(argc, argv, &o);
    if (status != 0)
        return status;
    if (o.help) {
        print_loss_usage(stdout);
        return 0;
    }
    status = o.curve ? print_loss_curve(&o) : losses_of_lines(&o.spec);
    if (fflush(stdout) != 0 || ferror(stdout))
        return cli_fail(CMD, "stdout: write error");
    return status;
}

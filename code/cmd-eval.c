#line 1479 "chapters/companion/10-evaluation.nw"
/* cmd-eval.c: the eval subcommand: COCO AP of a results file. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "commands.h"
#include "eval.h"
#include "files.h"

static const char *const eval_usage =
    "usage: retina eval --gt INSTANCES.json --dt RESULTS.json"
    " [--pr-out FILE]\n         [--sizes] [--analyze]\n";

#line 1559 "chapters/companion/10-evaluation.nw"
static void print_summary(const eval_t *e)
{
    static const struct { int ap; const char *iou; int area, m; }
    line[EVAL_STATS] = {
        {1, "0.50:0.95", 0, 2}, {1, "0.50", 0, 2}, {1, "0.75", 0, 2},
        {1, "0.50:0.95", 1, 2}, {1, "0.50:0.95", 2, 2},
        {1, "0.50:0.95", 3, 2}, {0, "0.50:0.95", 0, 0},
        {0, "0.50:0.95", 0, 1}, {0, "0.50:0.95", 0, 2},
        {0, "0.50:0.95", 1, 2}, {0, "0.50:0.95", 2, 2},
        {0, "0.50:0.95", 3, 2}};
    for (int s = 0; s < EVAL_STATS; s++)
        printf(" %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = "
               "%.3f\n", line[s].ap ? "Average Precision"
               : "Average Recall", line[s].ap ? "(AP)" : "(AR)",
               line[s].iou, eval_area_name(line[s].area),
               eval_det_limit(line[s].m), e->ap[s]);
}
#line 1579 "chapters/companion/10-evaluation.nw"
static void print_value(double v)
{
    if (v != -1) printf(" %7.3f", v);
    else printf(" %7s", "-");
}

static void print_classes(const coco_t *gt, const eval_t *e, int sizes)
{
    printf("\n%-20s %6s %6s %7s %7s %7s\n", "category", "GT", "dets",
           "AP", "AP50", "AP75");
    for (int k = 0; k < e->ncls; k++) {
        printf("%-20.20s %6d %6d", gt->categories[k].name, e->ngt[k],
               e->ndt[k]);
        for (int s = EVAL_AP; s <= EVAL_AP75; s++)
            print_value(e->class_ap[k][s]);
        putchar('\n');
    }
    if (!sizes) return;
    printf("\n%-20s %7s %7s %7s %7s %7s %7s\n", "category", "APs",
           "APm", "APl", "ARs", "ARm", "ARl");
    for (int k = 0; k < e->ncls; k++) {
        printf("%-20.20s", gt->categories[k].name);
        for (int s = EVAL_AP_SMALL; s <= EVAL_AP_LARGE; s++)
            print_value(e->class_ap[k][s]);
        for (int s = EVAL_AR_SMALL; s <= EVAL_AR_LARGE; s++)
            print_value(e->class_ap[k][s]);
        putchar('\n');
    }
}

static void print_analysis(const eval_analysis_t *a)
{
    printf("\n%-6s %7s %7s %7s %7s\n", "stage", "AP", "gain", "TP",
           "FP");
    for (int s = 0; s < EVAL_STAGES; s++) {
        printf("%-6s %7.3f", eval_stage_name(s), a->ap[s]);
        if (s) printf(" %7.3f", a->ap[s] - a->ap[s - 1]);
        else printf(" %7s", "");
        if (s <= EVAL_CLS) printf(" %7d %7d", a->tp[s], a->fp[s]);
        putchar('\n');
    }
}

#line 1494 "chapters/companion/10-evaluation.nw"
int cmd_eval(int argc, char **argv)
{
    const char *cmd = "eval", *gtp = NULL, *dtp = NULL, *prp = NULL;
    int sizes = 0, analyze = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(eval_usage, stdout);
            return 0;
        }
        int *b = !strcmp(argv[i], "--sizes") ? &sizes
            : !strcmp(argv[i], "--analyze") ? &analyze : NULL;
        if (b) {
            *b = 1;
            continue;
        }
        const char **v = !strcmp(argv[i], "--gt") ? &gtp
            : !strcmp(argv[i], "--dt") ? &dtp
            : !strcmp(argv[i], "--pr-out") ? &prp : NULL;
        if (v == NULL)
            return cli_usage(cmd, "%s: unknown flag",
                             cli_shown(argv[i]));
        if ((*v = cli_value(cmd, argc, argv, &i)) == NULL)
            return EXIT_USAGE;
    }
    if (gtp == NULL || dtp == NULL)
        return cli_usage(cmd, "--gt and --dt are required\n%s",
                         eval_usage);
    char why[DATA_ERR_SIZE];
    int bad = prp ? out_check(prp, (const char *const[]){gtp, dtp}, 2,
                              why, sizeof why) : 0;
    if (bad) return out_refuse(cmd, bad, why);
    if (cli_check_only()) return 0;
    
#line 1531 "chapters/companion/10-evaluation.nw"
coco_t gt;
detection_list_t dt = {0};
eval_t e;
eval_analysis_t an;
char err[DATA_ERR_SIZE];
if (coco_read(gtp, NULL, &gt, err, sizeof err) != 0)
    return cli_fail(cmd, "%s", err);
int st = eval_read_results(dtp, &gt, &dt, err, sizeof err)
      || eval_run(&gt, dt.items, dt.count, &e, err, sizeof err);
if (st == 0) {
    print_summary(&e);
    print_classes(&gt, &e, sizes);
    st = analyze && eval_analyze(&gt, dt.items, dt.count, &an, err,
                                 sizeof err);
    if (analyze && st == 0) print_analysis(&an);
    st = st || (prp && eval_write_pr(prp, &gt, &e, err, sizeof err));
    eval_free(&e);
}
detection_list_free(&dt);
coco_free(&gt);
return st ? cli_fail(cmd, "%s", err) : 0;
#line 1527 "chapters/companion/10-evaluation.nw"
}

#line 906 "chapters/companion/10-evaluation.nw"
/* cmd-eval.c: the eval subcommand: COCO AP of a results file. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "commands.h"
#include "eval.h"
#include "files.h"

static const char *const eval_usage =
    "usage: retina eval --gt INSTANCES.json --dt RESULTS.json"
    " [--pr-out FILE]\n";

#line 967 "chapters/companion/10-evaluation.nw"
static void print_summary(const coco_t *gt, const eval_t *e)
{
    static const char *const iou[] = {"0.50:0.95", "0.50     ",
                                      "0.75     "};
    for (int s = 0; s < EVAL_STATS; s++)
        printf(" Average Precision  (AP) @[ IoU=%s | area=   all |"
               " maxDets=100 ] = %.3f\n", iou[s], e->ap[s]);
    printf("\n%-20s %6s %6s %7s %7s %7s\n", "category", "GT", "dets",
           "AP", "AP50", "AP75");
    for (int k = 0; k < e->ncls; k++) {
        printf("%-20.20s %6d %6d", gt->categories[k].name, e->ngt[k],
               e->ndt[k]);
        for (int s = 0; s < EVAL_STATS; s++)
            if (e->ngt[k] > 0) printf(" %7.3f", e->class_ap[k][s]);
            else printf(" %7s", "-");
        putchar('\n');
    }
}

#line 920 "chapters/companion/10-evaluation.nw"
int cmd_eval(int argc, char **argv)
{
    const char *cmd = "eval", *gtp = NULL, *dtp = NULL, *prp = NULL;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(eval_usage, stdout);
            return 0;
        }
        const char **v = !strcmp(argv[i], "--gt") ? &gtp
            : !strcmp(argv[i], "--dt") ? &dtp
            : !strcmp(argv[i], "--pr-out") ? &prp : NULL;
        if (v == NULL)
            return cli_usage(cmd, "%s: unknown flag", argv[i]);
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
    
#line 948 "chapters/companion/10-evaluation.nw"
coco_t gt;
detection_list_t dt = {0};
eval_t e;
char err[DATA_ERR_SIZE];
if (coco_read(gtp, NULL, &gt, err, sizeof err) != 0)
    return cli_fail(cmd, "%s", err);
int st = eval_read_results(dtp, &gt, &dt, err, sizeof err)
      || eval_run(&gt, dt.items, dt.count, &e, err, sizeof err);
if (st == 0) {
    print_summary(&gt, &e);
    st = prp && eval_write_pr(prp, &gt, &e, err, sizeof err);
    eval_free(&e);
}
detection_list_free(&dt);
coco_free(&gt);
return st ? cli_fail(cmd, "%s", err) : 0;
#line 944 "chapters/companion/10-evaluation.nw"
}

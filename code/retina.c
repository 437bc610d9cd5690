#line 40 "chapters/90-tools.nw"
/* retina.c: the command-line front end of the book's program. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "commands.h"
#include "files.h"

struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct subcommand subcommands[] = {
#line 386 "chapters/companion/03-focal-loss.nw"
{"loss", cmd_loss, "losses and gradients of logits (focal, CE, FL*)"},
#line 32 "chapters/companion/06-data.nw"
{"data", cmd_data, "write synthetic scenes as PNG + COCO JSON"},
#line 1475 "chapters/companion/10-evaluation.nw"
{"eval", cmd_eval, "COCO AP of a results file against ground truth"},
#line 1113 "chapters/companion/11-training.nw"
{"train", cmd_train, "train the detector on generated scenes"},
#line 2293 "chapters/companion/11-training.nw"
{"detect", cmd_detect, "run a trained model; write COCO results"},
#line 3340 "chapters/companion/12-speed.nw"
{"bench", cmd_bench, "time the product and R-tiny's steps"},
#line 776 "chapters/companion/13-experiments.nw"
{"report", cmd_report, "an experiment beside a base run, as LaTeX"},
{"pool", cmd_pool, "merge the paired reports of a class"},
#line 1421 "chapters/90-tools.nw"
{"plot", cmd_plot, "draw a training log or a loss curve as a PNG"},
#line 58 "chapters/90-tools.nw"
};
enum { NSUB = sizeof subcommands / sizeof subcommands[0] };

#line 119 "chapters/90-tools.nw"
static void list_subcommands(FILE *out)
{
    fputs("usage: retina SUBCOMMAND [OPTIONS]\n"
          "       retina help SUBCOMMAND (its options and defaults)\n\n"
          "Subcommands (each has --help):\n", out);
    for (int i = 0; i < NSUB; i++)
        fprintf(out, "  %-10s %s\n", subcommands[i].name,
                subcommands[i].summary);
}
#line 108 "chapters/90-tools.nw"
static int finish(const char *cmd, int st)
{
    int bad = fflush(stdout) != 0 || ferror(stdout), e = errno;
    if (fclose(stdout) != 0 && !bad) bad = 1, e = errno;
    if (!bad || st) return st;   /* a failure has been reported */
    return cli_fail(cmd, "standard output: %s", e ? strerror(e)
                    : "write error");
}

#line 64 "chapters/90-tools.nw"
int main(int argc, char **argv)
{
    signal(SIGXFSZ, SIG_IGN);  /* a write past ulimit -f fails, EFBIG */
    if (argc == 3 && strcmp(argv[1], "help") == 0) {
        for (int i = 0; i < NSUB; i++)
            if (strcmp(argv[2], subcommands[i].name) == 0) {
                char *args[] = {argv[2], "--help", NULL};
                return subcommands[i].run(2, args);
            }
        fprintf(stderr, "retina help: unknown subcommand '%s'\n",
                argv[2]);
        list_subcommands(stderr);
        return 2;
    }
    if (argc < 2 || strcmp(argv[1], "help") == 0
        || cli_is_help(argv[1])) {
        list_subcommands(argc < 2 ? stderr : stdout);
        return finish("help", argc < 2 ? 2 : 0);
    }
    for (int i = 0; i < NSUB; i++)
        if (strcmp(argv[1], subcommands[i].name) == 0) {
            out_catch_signals(subcommands[i].name);
            return finish(argv[1],
                          subcommands[i].run(argc - 1, argv + 1));
        }
    fprintf(stderr, "retina: unknown subcommand '%s'"
            " (try: retina help)\n", argv[1]);
    return 2;
}

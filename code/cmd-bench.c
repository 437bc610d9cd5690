#line 1301 "chapters/12-speed.nw"
/* cmd-bench.c: the bench subcommand. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"
#include "cli.h"
#include "commands.h"
#include "gemm-fast.h"

#line 1334 "chapters/12-speed.nw"
typedef struct { int threads, reps, quick; } bench_opts_t;

static int bench_flags(int argc, char **argv, bench_opts_t *o)
{
    long v;
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    o->threads = online >= 1 && online <= 64 ? (int)online : 1;
    o->reps = 5;
    o->quick = 0;
    for (int i = 1; i < argc; i++) {
        const char *val;
        
#line 1352 "chapters/12-speed.nw"
if (cli_is_help(argv[i])) {
    puts("usage: retina bench [--threads N] [--reps N] [--quick]\n"
         "  times C = AB (n = 256, 512, 1024), R-tiny's training\n"
         "  step (batch 16, 8) and forward pass (batch 1, 16);\n"
         "  medians of N repetitions (default 5) after a warm-up.\n"
         "  --quick: smaller sizes only, for a fast check.");
    return -1;
} else if (strcmp(argv[i], "--quick") == 0) {
    o->quick = 1;
} else if (strcmp(argv[i], "--threads") == 0
           || strcmp(argv[i], "--reps") == 0) {
    int th = argv[i][2] == 't';
    if ((val = cli_value("bench", argc, argv, &i)) == NULL
        || cli_long("bench", argv[i - 1], val, 1, th ? 64 : 64, &v))
        return EXIT_USAGE;
    *(th ? &o->threads : &o->reps) = (int)v;
} else {
    return cli_usage("bench", "unknown option '%s'", argv[i]);
}
#line 1346 "chapters/12-speed.nw"
    }
    return 0;
}
#line 1374 "chapters/12-speed.nw"
static int bench_products(const bench_opts_t *o, double peak)
{
    static const int sizes[] = {256, 512, 1024};
    int count = o->quick ? 1 : 3;
    for (int s = 0; s < count; s++) {
        int n = sizes[s];
        double t = bench_gemm(NULL, o->threads, n, o->reps);
        if (t < 0)
            return -1;
        double rate = 2.0 * n * n * n / t / 1e9;
        printf("gemm %4d: %8.2f ms %8.1f GFLOP/s %5.2f of peak\n", n,
               1e3 * t, rate, rate / peak);
    }
    return 0;
}
#line 1392 "chapters/12-speed.nw"
static int bench_network(const bench_opts_t *o, double peak)
{
    static const struct { int train, batch; } runs[] = {
        {1, 16}, {1, 8}, {0, 1}, {0, 16}};
    int count = o->quick ? 1 : 4;
    for (int r = 0; r < count; r++) {
        int b = o->quick ? 2 : runs[r].batch, tr = runs[r].train;
        double t = bench_rtiny(NULL, o->threads, b, tr, o->reps);
        if (t < 0)
            return -1;
        double rate = b * bench_rtiny_flop(tr) / t / 1e9;
        printf("%s batch %2d: %8.2f ms %8.1f images/s %7.1f GFLOP/s"
               " %5.2f of peak\n", tr ? "train" : "infer", b, 1e3 * t,
               b / t, rate, rate / peak);
    }
    return 0;
}

#line 1315 "chapters/12-speed.nw"
int cmd_bench(int argc, char **argv)
{
    bench_opts_t o;
    int st = bench_flags(argc, argv, &o);
    if (st != 0)
        return st < 0 ? 0 : st;
    gemm_kernel_t kern = gemm_kernel_current();
    double peak = bench_peak(o.threads, 0.2);
    printf("kernel %s, %d thread(s); FMA peak %.1f GFLOP/s "
           "(all threads)\n", gemm_kernel_name(kern), o.threads, peak);
    if (bench_products(&o, peak) != 0 || bench_network(&o, peak) != 0)
        return cli_fail("bench", "out of memory");
    printf("peak resident memory: %.1f MiB\n", bench_max_rss_mib());
    return 0;
}

#line 3344 "chapters/companion/12-speed.nw"
/* cmd-bench.c: the bench subcommand. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"
#include "cli.h"
#include "commands.h"
#include "gemm-fast.h"

#line 3380 "chapters/companion/12-speed.nw"
typedef enum { CASE_PEAK, CASE_GEMM, CASE_TRAIN, CASE_INFER,
               CASE_DECODE } case_kind_t;
typedef struct {
    const char *name;
    case_kind_t kind;
    int size;            /* n of the product, or the batch */
    int runs;            /* 1: in the full run, 2: quick, 3: both */
} bench_case_t;

static const bench_case_t cases[] = {
    {"peak", CASE_PEAK, 0, 0},       {"gemm256", CASE_GEMM, 256, 3},
    {"gemm512", CASE_GEMM, 512, 1},  {"gemm1024", CASE_GEMM, 1024, 1},
    {"train16", CASE_TRAIN, 16, 1},  {"train8", CASE_TRAIN, 8, 1},
    {"train2", CASE_TRAIN, 2, 2},    {"infer1", CASE_INFER, 1, 1},
    {"infer16", CASE_INFER, 16, 1},  {"decode", CASE_DECODE, 1, 1}};
enum { NCASES = sizeof cases / sizeof cases[0] };
#line 3400 "chapters/companion/12-speed.nw"
typedef struct {
    int threads, reps, quick, csv;
    const bench_case_t *only;   /* --case, or NULL for all */
} bench_opts_t;

static int bench_flags(int argc, char **argv, bench_opts_t *o)
{
    long v;
    o->threads = (int)cli_threads_default();
    o->reps = 5;
    o->quick = o->csv = 0;
    o->only = NULL;
    for (int i = 1; i < argc; i++) {
        const char *val;
        
#line 3421 "chapters/companion/12-speed.nw"
if (cli_is_help(argv[i])) {
    printf("usage: retina bench [--threads N] [--reps N] [--quick]\n"
         "                    [--csv] [--case NAME]\n"
         "  times C = AB (n = 256, 512, 1024), R-tiny's training\n"
         "  step (batch 16, 8), forward pass (batch 1, 16) and\n"
         "  dense decoding + NMS (one image, one thread);\n"
         "  medians of N repetitions after a warm-up.  Range"
         " [default]:\n"
         "  --threads N  1..%d [processors available: %ld]\n"
         "  --reps N     1..64 [5]\n"
         "  --quick      smaller sizes only, for a fast check [off]\n"
         "  --csv        one line of comma-separated values a case"
         " [off]\n"
         "  --case NAME  only NAME: peak, gemm256, gemm512, gemm1024,\n"
         "               train16, train8, train2, infer1, infer16,"
         " decode\n               [all]\n", CLI_MAX_THREADS,
         cli_threads_default());
    return -1;
} else if (strcmp(argv[i], "--quick") == 0) {
    o->quick = 1;
} else if (strcmp(argv[i], "--csv") == 0) {
    o->csv = 1;
} else if (strcmp(argv[i], "--case") == 0) {
    
#line 3458 "chapters/companion/12-speed.nw"
if ((val = cli_value("bench", argc, argv, &i)) == NULL)
    return EXIT_USAGE;
for (int j = 0; j < NCASES && !o->only; j++)
    if (strcmp(val, cases[j].name) == 0) o->only = &cases[j];
if (o->only == NULL)
    return cli_usage("bench", "unknown case '%s'", val);
#line 3445 "chapters/companion/12-speed.nw"
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
#line 3415 "chapters/companion/12-speed.nw"
    }
    return 0;
}
#line 3489 "chapters/companion/12-speed.nw"
static int wanted(const bench_opts_t *o, const bench_case_t *k)
{
    if (o->only)
        return o->only == k;
    return k->kind != CASE_PEAK && (k->runs & (o->quick ? 2 : 1));
}

static int run_case(const bench_opts_t *o, const bench_case_t *k,
                    double peak)
{
    int n = k->size, tr = k->kind == CASE_TRAIN;
    double t = 0.0, rate = peak;
    if (k->kind == CASE_GEMM) {
        t = bench_gemm(NULL, o->threads, n, o->reps);
        rate = 2.0 * n * n * n / t / 1e9;
    } else if (k->kind == CASE_DECODE) {
        t = bench_decode(o->reps > 1 ? 63 : 1);
        rate = 1.0 / t;
    } else if (k->kind != CASE_PEAK) {
        t = bench_rtiny(NULL, o->threads, n, tr, 0, o->reps);
        rate = n / t;
    }
    if (t < 0)
        return -1;
    if (o->csv)
        
#line 3522 "chapters/companion/12-speed.nw"
printf("c,%s,%d,%d,%.4f,%.4f,%s,%.1f\n", k->kind == CASE_PEAK
       ? "peak" : k->kind == CASE_GEMM ? "gemm" : k->kind == CASE_DECODE
       ? "decode" : tr ? "train" : "infer", n, o->threads, 1e3 * t,
       rate, k->kind == CASE_PEAK || k->kind == CASE_GEMM ? "GFLOP/s"
       : "images/s", bench_max_rss_mib());
#line 3515 "chapters/companion/12-speed.nw"
    else
        
#line 3530 "chapters/companion/12-speed.nw"
if (k->kind == CASE_GEMM) {
    printf("gemm %4d: %8.2f ms %8.1f GFLOP/s %5.2f of peak\n", n,
           1e3 * t, rate, rate / peak);
} else if (k->kind == CASE_DECODE) {
    printf("decode + NMS, dense, 1 image: %8.3f ms\n", 1e3 * t);
} else if (k->kind != CASE_PEAK) {
    double flops = n * bench_rtiny_flop(tr) / t / 1e9;
    printf("%s batch %2d: %8.2f ms %8.1f images/s %7.1f GFLOP/s"
           " %5.2f of peak\n", tr ? "train" : "infer", n, 1e3 * t,
           rate, flops, flops / peak);
}
#line 3517 "chapters/companion/12-speed.nw"
    return 0;
}

#line 3358 "chapters/companion/12-speed.nw"
int cmd_bench(int argc, char **argv)
{
    bench_opts_t o;
    int st = bench_flags(argc, argv, &o);
    if (st != 0 || cli_check_only())
        return st < 0 ? 0 : st;
    
#line 3471 "chapters/companion/12-speed.nw"
double peak = 0.0;
if (!o.csv || (o.only && o.only->kind == CASE_PEAK))
    peak = bench_peak(o.threads, 0.2);
if (o.csv)
    puts("impl,case,size,threads,ms,rate,unit,rss_mib");
else
    printf("kernel %s, %d thread(s); FMA peak %.1f GFLOP/s "
           "(all threads)\n", gemm_kernel_name(gemm_kernel_current()),
           o.threads, peak);
#line 3365 "chapters/companion/12-speed.nw"
    for (int i = 0; i < NCASES; i++)
        if (wanted(&o, &cases[i])
            && run_case(&o, &cases[i], peak) != 0)
            return cli_fail("bench", "out of memory");
    if (!o.csv)
        printf("peak resident memory: %.1f MiB\n", bench_max_rss_mib());
    return 0;
}

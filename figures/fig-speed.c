#line 3915 "chapters/12-speed.nw"
/* fig-speed.c: the speed tables of the chapter "Making it fast". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"
#include "figout.h"
#include "gemm-fast.h"
#include "net.h"

#line 3935 "chapters/12-speed.nw"
static double rate(int n, double t)
{
    return t > 0 ? 2.0 * n * n * n / t / 1e9 : -1.0;
}

static void cell(FILE *f, double v)
{
    if (v < 0) fputs(" & ---", f);
    else fprintf(f, " & %.1f", v);
}
#line 3948 "chapters/12-speed.nw"
static int gemm_table(const char *dir, double peak, double g512[4])
{
    static const int sizes[] = {256, 512, 1024};
    fig_file o;
    if (fig_open(&o, dir, "speed-gemm.tex") != 0) return -1;
    fputs("\\begin{tabular}{rrrrrr}\n\\toprule\n$n$ & plain & "
          "cache-aware & packed, 1 thread & 2 threads & 1 thread / "
          "peak\\\\\n\\midrule\n", o.f);
    for (int s = 0; s < 3; s++) {
        int n = sizes[s];
        double g[4] = {
            n <= 512 ? rate(n, bench_gemm(gemm_naive, 1, n, 1)) : -1,
            rate(n, bench_gemm(gemm_blocked, 1, n, 3)),
            rate(n, bench_gemm(NULL, 1, n, 7)),
            rate(n, bench_gemm(NULL, 2, n, 9))};
        fprintf(o.f, "%d", n);
        for (int j = 0; j < 4; j++) cell(o.f, g[j]);
        fprintf(o.f, " & %.0f\\%%\\\\\n", 100.0 * g[2] / peak);
        if (n == 512) memcpy(g512, g, sizeof g);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", o.f);
    return fig_close(&o);
}
#line 3978 "chapters/12-speed.nw"
enum { STEPS = 9 };
static int steps_table(const char *dir, double res[STEPS][4])
{
    static const char *rows[STEPS] = {
        "cache-aware, by image", "packed, by image",
        "\\quad 2 threads", "packed, whole batch", "\\quad 2 threads",
        "Winograd $2 \\times 2$, plain transforms",
        "Winograd $2 \\times 2$", "Winograd $4 \\times 4$",
        "\\quad 2 threads"};
    fig_file o;
    if (fig_open(&o, dir, "speed-steps.tex") != 0) return -1;
    fputs("\\begin{tabular}{lrrrr}\n\\toprule\n& \\multicolumn{2}{c}"
          "{training, images/s} & forward, images/s & forward\\\\\n"
          "& batch 16 & batch 8 & batch 16 & batch 1, ms\\\\\n"
          "\\midrule\n", o.f);
    for (int r = 0; r < STEPS; r++) {
        
#line 4004 "chapters/12-speed.nw"
gemm_fn *f = r == 0 ? gemm_blocked : NULL;
int th = r == 2 || r == 4 || r == 8 ? 2 : 1;
int mode = (r < 3 ? BENCH_PER_IMAGE : 0) | (r < 5 ? BENCH_DIRECT : 0)
           | (r == 5 ? BENCH_PLAIN : 0)
           | (r == 5 || r == 6 ? BENCH_SMALL : 0);
int reps = r == 0 ? 1 : 5;
double t[4] = {bench_rtiny(f, th, 16, 1, mode, reps),
               bench_rtiny(f, th, 8, 1, mode, reps),
               bench_rtiny(f, th, 16, 0, mode, reps),
               bench_rtiny(f, th, 1, 0, mode, 3 * reps)};
res[r][0] = 16 / t[0]; res[r][1] = 8 / t[1];
res[r][2] = 16 / t[2]; res[r][3] = 1e3 * t[3];
#line 3995 "chapters/12-speed.nw"
        fprintf(o.f, "%s & %.1f & %.1f & %.1f & %.2f\\\\\n", rows[r],
                res[r][0], res[r][1], res[r][2], res[r][3]);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", o.f);
    return fig_close(&o);
}
#line 4025 "chapters/12-speed.nw"
/* How much faster the default is than mode: training, forward. */
static void gain_over(int mode, double gain[2])
{
    double best[2][2] = {{1e30, 1e30}, {1e30, 1e30}};
    for (int k = 0; k < 3; k++)
        for (int way = 0; way < 2; way++)
            for (int fwd = 0; fwd < 2; fwd++) {
                double t = bench_rtiny(NULL, 1, 16, !fwd,
                                       way ? 0 : mode, 3);
                if (t > 0 && t < best[way][fwd])
                    best[way][fwd] = t;
            }
    for (int fwd = 0; fwd < 2; fwd++)
        gain[fwd] = best[0][fwd] / best[1][fwd];
}
#line 4046 "chapters/12-speed.nw"
static void memory_plan(double mb[4])
{
    net_config_t cfg = net_rtiny_config();
    net_t net;
    mb[0] = mb[1] = mb[2] = mb[3] = 0.0;
    if (net_create(&net, &cfg, 16) != 0)
        return;
    for (int a = 1; a < net.nact; a++)
        mb[2] += 16.0 * shape_count(net.a[a].shape) * 4 / 1e6;
    mb[0] = net.act.size * 4.0 / 1e6;
    mb[1] = net.dact.size * 4.0 / 1e6;
    mb[3] = net_scratch_size(&net) * 4.0 / 1e6;
    net_free(&net);
}
#line 4063 "chapters/12-speed.nw"
int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fig-speed OUTDIR\n");
        return 2;
    }
    char cpu[256];
    double g[4] = {0}, st[STEPS][4] = {{0}}, mb[4], vec[2], tiles[2];
    double peak = bench_peak(1, 0.3), peak2 = bench_peak(2, 0.3);
    gemm_kernel_t k = gemm_kernel_current();
    fig_file o;
    fig_machine(cpu, sizeof cpu);
    if (gemm_table(argv[1], peak, g) != 0
        || steps_table(argv[1], st) != 0
        || fig_open(&o, argv[1], "speed-numbers.tex") != 0)
        return 1;
    memory_plan(mb);
    gain_over(BENCH_PLAIN, vec);
    gain_over(BENCH_SMALL, tiles);
    
#line 4088 "chapters/12-speed.nw"
#define DEF(...) fig_macro(o.f, __VA_ARGS__)
DEF("speedCPU", "%s", cpu);
DEF("speedCompiler", "%s", fig_compiler());
DEF("speedKernel", "%s", gemm_kernel_name(k));
DEF("speedLanes", "%d", gemm_kernel_lanes(k));
DEF("speedPeak", "%.0f", peak);
DEF("speedPeakTwo", "%.0f", peak2);
DEF("speedNaive", "%.1f", g[0]);
DEF("speedBlocked", "%.1f", g[1]);
DEF("speedPackedOne", "%.0f", g[2]);
DEF("speedPackedTwo", "%.0f", g[3]);
DEF("speedPackedFrac", "%.0f", 100.0 * g[2] / peak);
DEF("speedPackedSpeedup", "%.0f", g[2] / g[1]);
DEF("speedMacs", "%.0f", bench_rtiny_flop(0) / 2e6);
DEF("speedStepGflop", "%.0f", 16 * bench_rtiny_flop(1) / 1e9);
#line 4108 "chapters/12-speed.nw"
double flop = bench_rtiny_flop(1);
DEF("speedTrainTwo", "%.0f", st[8][0]);
DEF("speedTrainStepMs", "%.0f", 16e3 / st[8][0]);
DEF("speedTrainSpeedup", "%.0f", st[8][0] / st[0][0]);
DEF("speedRunMinutes", "%.0f", 2000 * 16 / st[8][0] / 60);
DEF("speedWinoGainOne", "%.2f", st[6][0] / st[3][0]);
DEF("speedWinoGainTwo", "%.2f", st[8][0] / st[4][0]);
DEF("speedWinoInferOne", "%.2f", st[6][2] / st[3][2]);
DEF("speedVecGainOne", "%.2f", vec[0]);
DEF("speedVecInferOne", "%.2f", vec[1]);
DEF("speedTileGainOne", "%.2f", tiles[0]);
DEF("speedTileInferOne", "%.2f", tiles[1]);
DEF("speedImageFracOne", "%.2f", st[1][0] * flop / 1e9 / peak);
DEF("speedBatchFracOne", "%.2f", st[3][0] * flop / 1e9 / peak);
DEF("speedBatchGainOne", "%.1f", st[3][0] / st[1][0]);
DEF("speedBatchGainTwo", "%.1f", st[4][0] / st[2][0]);
DEF("speedBatchGainEight", "%.1f", st[4][1] / st[2][1]);
DEF("speedThreadGain", "%.1f", st[8][0] / st[7][0]);
DEF("speedActMB", "%.0f", mb[0]);
DEF("speedGradMB", "%.0f", mb[1]);
DEF("speedGradAllMB", "%.0f", mb[2]);
DEF("speedScratchMB", "%.1f", mb[3]);
DEF("speedDecodeMs", "%.2f", 1e3 * bench_decode(63));
#line 4104 "chapters/12-speed.nw"
DEF("speedRssMib", "%.0f", bench_max_rss_mib());
#line 4083 "chapters/12-speed.nw"
    return fig_close(&o) ? 1 : 0;
}

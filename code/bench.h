#line 2240 "chapters/companion/12-speed.nw"
/* bench.h: timing the product and R-tiny's forward and training
   step, for the bench subcommand and the figures. */
#ifndef BENCH_H
#define BENCH_H
#include "gemm.h"

/* A monotonic clock, in seconds. */
double bench_now(void);
/* Median seconds of C = AB for n x n matrices, over reps runs after
   one warm-up: with f on one thread, or (f == NULL) with
   gemm_packed on nthreads threads.  -1 if memory ran out. */
double bench_gemm(gemm_fn *f, int nthreads, int n, int reps);
/* Median seconds of R-tiny at batch size batch: a training step
   (train = 1: forward, the detection loss against fixed targets,
   backward and an SGD update) or a forward pass (train = 0), using
   product f (NULL: gemm_packed) on nthreads threads; mode: 0, or
   BENCH_PER_IMAGE (one product per image), BENCH_DIRECT (no
   Winograd), BENCH_PLAIN (Winograd's transforms without vectors),
   BENCH_SMALL (Winograd's 2 x 2 tiles only), the context's
   switches.  -1 on failure. */
enum { BENCH_PER_IMAGE = 1, BENCH_DIRECT = 2, BENCH_PLAIN = 4,
       BENCH_SMALL = 8 };
double bench_rtiny(gemm_fn *f, int nthreads, int batch, int train,
                   int mode, int reps);
/* Floating-point operations of R-tiny per image: forward, and a
   training step (forward plus a backward pass of twice its cost). */
double bench_rtiny_flop(int train);
/* The FMA peak of gemm_peak_gflops, measured on nthreads threads at
   once and summed: what the threads can reach together. */
double bench_peak(int nthreads, double seconds);
/* Median seconds of detect_batch on one image of R-tiny's outputs,
   every logit above the threshold (the dense worst case); -1 on
   failure. */
double bench_decode(int reps);
/* The peak resident memory of this process so far, in MiB. */
double bench_max_rss_mib(void);
#endif

#line 172 "chapters/12-speed.nw"
/* gemm-fast.h: the packed, register-blocked matrix product. */
#ifndef GEMM_FAST_H
#define GEMM_FAST_H
#include "gemm.h"
#include "pool.h"

typedef enum { GEMM_PORTABLE, GEMM_AVX2, GEMM_AVX512,
               GEMM_NKERNELS } gemm_kernel_t;

/* The product of gemm.h, packed and register-blocked, one thread. */
gemm_fn gemm_packed;
/* The same product on the threads of pool (NULL: one thread).  Each
   thread computes a block of rows or columns of C, every element by
   the same operations as gemm_packed: the result is bit-identical
   whatever the number of threads. */
void gemm_packed_pool(pool_t *pool, int trans_a, int trans_b, int m,
                      int n, int k, const float *a, const float *b,
                      float *c, int accumulate);
#line 199 "chapters/12-speed.nw"
/* Can this build run kernel kind on this processor? */
int gemm_kernel_supported(gemm_kernel_t kind);
/* Use kernel kind from now on; 0, or -1 if it is not supported.
   Not thread-safe: call it while no product is running. */
int gemm_kernel_select(gemm_kernel_t kind);
/* The kernel in use, and a name: "portable", "avx2", "avx512". */
gemm_kernel_t gemm_kernel_current(void);
const char *gemm_kernel_name(gemm_kernel_t kind);
/* Floats per vector register of kernel kind (1 for portable). */
int gemm_kernel_lanes(gemm_kernel_t kind);
/* The rate, in GFLOP/s, of a loop of independent FMAs at kernel
   kind's vector width, on this thread, timed for about seconds. */
double gemm_peak_gflops(gemm_kernel_t kind, double seconds);
#endif

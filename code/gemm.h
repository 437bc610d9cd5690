#line 249 "chapters/04-layers.nw"
/* gemm.h: the matrix product C (=|+=) op(A) op(B), row-major. */
#ifndef GEMM_H
#define GEMM_H

/* C is m x n; op(A) is m x k; op(B) is k x n.  A is stored m x k if
   trans_a == 0, or k x m if trans_a == 1 (then op(A) = A^T); B is
   stored k x n or, if trans_b == 1, n x k.  accumulate == 0 sets
   C = op(A) op(B); accumulate == 1 adds, C += op(A) op(B).  C must
   not overlap A or B.  Every sum is accumulated in float. */
typedef void gemm_fn(int trans_a, int trans_b, int m, int n, int k,
                     const float *a, const float *b, float *c,
                     int accumulate);

/* The triple loop of the definition: slow, obviously right. */
gemm_fn gemm_naive;
/* The same product organised for the cache: order i-k-j, blocked
   in k and j, four rows of C at a time, with a transposed B packed
   a block at a time. */
gemm_fn gemm_blocked;
#endif

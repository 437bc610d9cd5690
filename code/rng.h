#line 369 "chapters/90-tools.nw"
/* rng.h: a small seeded random generator with no hidden state. */
#ifndef RNG_H
#define RNG_H
#include <stdint.h>

typedef struct { uint64_t s[4]; } rng_t;

void rng_seed(rng_t *r, uint64_t seed);
uint64_t rng_u64(rng_t *r);
double rng_uniform(rng_t *r);            /* in [0, 1) */
double rng_normal(rng_t *r);             /* mean 0, variance 1 */
uint32_t rng_below(rng_t *r, uint32_t n);  /* in [0, n), n > 0 */

#endif

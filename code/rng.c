#line 387 "chapters/90-tools.nw"
/* rng.c: xoshiro256** seeded by splitmix64. */
#include <math.h>
#include "rng.h"

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void rng_seed(rng_t *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) {   /* splitmix64 */
        uint64_t z = (seed += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        r->s[i] = z ^ (z >> 31);
    }
}

uint64_t rng_u64(rng_t *r)
{
    uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    return result;
}

#line 423 "chapters/90-tools.nw"
double rng_uniform(rng_t *r)
{
    return (double)(rng_u64(r) >> 11) * 0x1.0p-53;
}

double rng_normal(rng_t *r)
{
    double u = 1.0 - rng_uniform(r);          /* in (0, 1] */
    double v = rng_uniform(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

uint32_t rng_below(rng_t *r, uint32_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n, x;
    do x = rng_u64(r); while (x >= limit);
    return (uint32_t)(x % n);
}

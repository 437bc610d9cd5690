#line 1433 "chapters/92-lab.nw"
/* ex-ema-norm.h: a moving average of the foreground count */
#ifndef EX_EMA_NORM_H
#define EX_EMA_NORM_H
typedef struct {
    double momentum;   /* m, in [0, 1) */
    double initial;    /* v_0 > 0; 0 for the bias-corrected average */
    double state[2];   /* yours: what the update needs */
    long steps;        /* updates so far */
} ema_norm_t;

/* Start an average with INITIAL (>= 0, finite; 0: bias-corrected)
   and MOMENTUM (in [0, 1)).  Returns 0, or -1 leaving *E alone. */
int ema_norm_init(ema_norm_t *e, double initial, double momentum);
/* Add a batch with NUM_FG foreground anchors (counted as at least
   1) and return the new normaliser v_t.  A negative count: NaN,
   and *E is left alone. */
double ema_norm_update(ema_norm_t *e, long num_fg);
#endif

#line 1090 "chapters/92-lab.nw"
/* ex-alpha-pair.h: the alpha that balances positives and negatives */
#ifndef EX_ALPHA_PAIR_H
#define EX_ALPHA_PAIR_H
/* The alpha at which one positive with probability P_FG for its
   class, weighted alpha, and R negatives with probability P_BG each,
   weighted 1 - alpha, have the same total focal loss:
     alpha (1 - p_fg)^gamma (-log p_fg)
       = (1 - alpha) r p_bg^gamma (-log(1 - p_bg)).
   The answer lies in (0, 1); in double precision it may round to 0
   or 1 when one side's loss underflows.  Returns NaN unless
   0 <= gamma < infinity, 0 < r < infinity, 0 < P_FG < 1 and
   0 < P_BG < 1. */
double balanced_alpha(double gamma, double r, double p_fg,
                      double p_bg);
#endif

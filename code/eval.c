#line 14 "chapters/companion/10-evaluation.nw"
/* eval.c: COCO-style box AP, and COCO results files. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "cli.h"
#include "eval.h"
#include "files.h"

#line 64 "chapters/companion/10-evaluation.nw"
typedef struct { long id; int index; } image_key_t;

static int cmp_image_key(const void *a, const void *b)
{
    long x = ((const image_key_t *)a)->id;
    long y = ((const image_key_t *)b)->id;
    return (x > y) - (x < y);
}

static image_key_t *image_keys(const coco_t *gt)
{
    image_key_t *k = malloc(((size_t)gt->nimages + 1) * sizeof *k);
    for (int i = 0; k && i < gt->nimages; i++)
        k[i] = (image_key_t){gt->images[i].id, i};
    if (k) qsort(k, (size_t)gt->nimages, sizeof *k, cmp_image_key);
    return k;
}

/* The rank of image ID among the sorted keys, or -1. */
static int image_rank(const image_key_t *k, int n, long id)
{
    image_key_t key = {id, 0};
    const image_key_t *p = bsearch(&key, k, (size_t)n, sizeof *k,
                                   cmp_image_key);
    return p ? (int)(p - k) : -1;
}
#line 38 "chapters/companion/10-evaluation.nw"
int detection_list_append(detection_list_t *l, const detection_t *d)
{
    if (l->count == l->capacity) {
        int cap = l->capacity ? 2 * l->capacity : 64;
        detection_t *p = realloc(l->items, (size_t)cap * sizeof *p);
        if (p == NULL) return -1;
        l->items = p;
        l->capacity = cap;
    }
    l->items[l->count++] = *d;
    return 0;
}

void detection_list_free(detection_list_t *l)
{
    free(l->items);
    l->items = NULL;
    l->count = l->capacity = 0;
}
#line 315 "chapters/10-evaluation.nw"
double eval_iou_threshold(int t)
{
    return t == EVAL_IOUS - 1 ? 0.95 : t * ((0.95 - 0.5) / 9) + 0.5;
}

double eval_recall_threshold(int r)
{
    return r == EVAL_RECALLS - 1 ? 1.0 : r * (1.0 / 100) + 0.0;
}

double eval_iou(const object_t *g, const detection_t *d)
{
    double w = fmin(g->x2, d->x2) - fmax(g->x1, d->x1);
    double h = fmin(g->y2, d->y2) - fmax(g->y1, d->y1);
    if (w <= 0 || h <= 0) return 0;
    double ga = ((double)g->x2 - g->x1) * ((double)g->y2 - g->y1);
    double da = ((double)d->x2 - d->x1) * ((double)d->y2 - d->y1);
    return w * h / (ga + da - w * h);
}

double eval_iou_crowd(const object_t *g, const detection_t *d)
{
    double w = fmin(g->x2, d->x2) - fmax(g->x1, d->x1);
    double h = fmin(g->y2, d->y2) - fmax(g->y1, d->y1);
    if (w <= 0 || h <= 0) return 0;
    return w * h / (((double)d->x2 - d->x1) * ((double)d->y2 - d->y1));
}
#line 349 "chapters/10-evaluation.nw"
double eval_area_lo(int a)
{
    static const double lo[EVAL_AREAS] = {0, 0, 32 * 32, 96 * 96};
    return lo[a];
}

double eval_area_hi(int a)
{
    static const double hi[EVAL_AREAS] = {1e10, 32 * 32, 96 * 96,
                                          1e10};
    return hi[a];
}

const char *eval_area_name(int a)
{
    static const char *const name[EVAL_AREAS] = {"all", "small",
                                                 "medium", "large"};
    return name[a];
}

int eval_det_limit(int m)
{
    static const int limit[EVAL_DET_LIMITS] = {1, 10, 100};
    return limit[m];
}
#line 386 "chapters/10-evaluation.nw"
void eval_curve(const unsigned char *tp, int nd, int ngt,
                double *recall, double *precision)
{
    int ntp = 0, nfp = 0;
    for (int i = 0; i < nd; i++) {
        ntp += tp[i] == EVAL_TP;
        nfp += tp[i] == EVAL_FP;
        recall[i] = (double)ntp / ngt;
        precision[i] = ntp ? (double)ntp / (ntp + nfp) : 0;
    }
}

void eval_interpolate(const double *recall, const double *precision,
                      int nd, double q[EVAL_RECALLS])
{
    int i = nd;             /* first index with recall >= threshold */
    double best = 0;        /* largest precision from i on */
    for (int r = EVAL_RECALLS - 1; r >= 0; r--) {
        double thr = eval_recall_threshold(r);
        while (i > 0 && recall[i - 1] >= thr)
            best = fmax(best, precision[--i]);
        q[r] = i < nd ? best : 0;
    }
}
#line 424 "chapters/10-evaluation.nw"
static void match(const object_t *g, const unsigned char *crowd,
                  const unsigned char *ign, int ng,
                  const detection_t *const *d, int nd, double thr,
                  unsigned char *taken, unsigned char *state)
{
    memset(taken, 0, (size_t)ng + 1);
    for (int i = 0; i < nd; i++) {
        double best = fmin(thr, 1 - 1e-10);
        int m = -1;
        for (int j = 0; j < ng; j++) {
            if (taken[j] && !crowd[j]) continue;
            if (m >= 0 && !ign[m] && ign[j]) break;
            double iou = crowd[j] ? eval_iou_crowd(&g[j], d[i])
                                  : eval_iou(&g[j], d[i]);
            if (iou < best) continue;
            best = iou;
            m = j;
        }
        if (m >= 0) taken[m] = 1;
        state[i] = m < 0 ? EVAL_FP : ign[m] ? EVAL_IGNORED : EVAL_TP;
    }
}
#line 101 "chapters/companion/10-evaluation.nw"
typedef struct {
    int rank, image, cls, index, pos;
    float score;
} item_t;

static int cmp_item(const void *a, const void *b)
{
    const item_t *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    if (x->cls != y->cls) return x->cls < y->cls ? -1 : 1;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

#line 151 "chapters/companion/10-evaluation.nw"
static int sort_runs(const coco_t *gt, const detection_t *d, int n,
                     item_t **out, char *err, size_t errsize)
{
    image_key_t *keys = image_keys(gt);
    item_t *it = malloc(((size_t)n + 1) * sizeof *it);
    *out = it;
    if (keys == NULL || it == NULL) {
        free(keys);
        return errf(err, errsize, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        int r = image_rank(keys, gt->nimages, d[i].image_id);
        it[i] = (item_t){r, r < 0 ? -1 : keys[r].index, d[i].cls, i, 0,
                         d[i].score};
        if (r < 0 || d[i].cls < 0 || d[i].cls >= gt->ncategories) {
            free(keys);
            return errf(err, errsize, "detection %d: image %ld class "
                        "%d is not in the ground truth", i,
                        d[i].image_id, d[i].cls);
        }
    }
    free(keys);
    qsort(it, (size_t)n, sizeof *it, cmp_item);
    return 0;
}
#line 183 "chapters/companion/10-evaluation.nw"
static int next_run(item_t *it, int n, int a, const detection_t *d,
                    const detection_t **run, int *nd)
{
    int z = a;
    while (z < n && it[z].rank == it[a].rank && it[z].cls == it[a].cls)
        z++;
    *nd = z - a < EVAL_MAX_DETS ? z - a : EVAL_MAX_DETS;
    for (int i = 0; i < z - a; i++)
        it[a + i].pos = i < *nd ? i : -1;
    for (int i = 0; i < *nd; i++) run[i] = &d[it[a + i].index];
    return z;
}
#line 205 "chapters/companion/10-evaluation.nw"
static int in_range(double area, int a)
{
    return area >= eval_area_lo(a) && area <= eval_area_hi(a);
}

static int gather_boxes(const coco_t *gt, const coco_image_t *im,
                        int cls, int a, object_t *g,
                        unsigned char *crowd, unsigned char *ign)
{
    int ng = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int j = im->first; j < im->first + im->count; j++) {
            int out = gt->crowd[j] || !in_range(gt->area[j], a);
            if (gt->objects[j].cls != cls || out != pass) continue;
            g[ng] = gt->objects[j];
            crowd[ng] = gt->crowd[j];
            ign[ng++] = (unsigned char)out;
        }
    return ng;
}

#line 254 "chapters/companion/10-evaluation.nw"
static void match_run(const coco_t *gt, const coco_image_t *im,
                      int cls, const detection_t *const *run, int nd,
                      object_t *g, unsigned char *crowd,
                      unsigned char *ign, unsigned char *taken,
                      unsigned char *st, unsigned char *flags, int n,
                      int first)
{
    for (int a = 0; a < EVAL_AREAS; a++) {
        int ng = gather_boxes(gt, im, cls, a, g, crowd, ign);
        for (int t = 0; t < EVAL_IOUS; t++) {
            match(g, crowd, ign, ng, run, nd, eval_iou_threshold(t),
                  taken, st);
            for (int i = 0; i < nd; i++) {
                const detection_t *x = run[i];
                double da = ((double)x->x2 - x->x1)
                            * ((double)x->y2 - x->y1);
                if (st[i] == EVAL_FP && !in_range(da, a))
                    st[i] = EVAL_IGNORED;
                flags[((size_t)a * n + first + i) * EVAL_IOUS + t]
                    = st[i];
            }
        }
    }
}

#line 228 "chapters/companion/10-evaluation.nw"
static int match_runs(const coco_t *gt, const detection_t *d, int n,
                      item_t *it, unsigned char *flags, char *err,
                      size_t errsize)
{
    size_t no = (size_t)gt->nobjects + 1;
    object_t *g = malloc(no * sizeof *g);
    unsigned char *b = malloc(3 * no + EVAL_MAX_DETS);
    const detection_t **run = malloc(EVAL_MAX_DETS * sizeof *run);
    if (!g || !b || !run) {
        free(g); free(b); free(run);
        return errf(err, errsize, "out of memory");
    }
    for (int a = 0, z, nd; a < n; a = z) {
        z = next_run(it, n, a, d, run, &nd);
        match_run(gt, &gt->images[it[a].image], it[a].cls, run, nd,
                  g, b, b + no, b + 2 * no, b + 3 * no,
                  flags, n, a);
    }
    free(g); free(b); free(run);
    return 0;
}
#line 288 "chapters/companion/10-evaluation.nw"
typedef struct { float score; int at; } ranked_t;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

#line 460 "chapters/10-evaluation.nw"
static void class_curves(const unsigned char *st, int nd, int ngt,
                         double *rc, double *pr,
                         double q[EVAL_IOUS * EVAL_RECALLS],
                         double recall[EVAL_IOUS])
{
    for (int t = 0; t < EVAL_IOUS; t++) {
        eval_curve(st + (size_t)t * nd, nd, ngt, rc, pr);
        eval_interpolate(rc, pr, nd, q + t * EVAL_RECALLS);
        recall[t] = nd ? rc[nd - 1] : 0;
    }
}
#line 479 "chapters/10-evaluation.nw"
static void class_numbers(double c[EVAL_STATS], int area, int m,
                          const double *q, const double *recall)
{
    double sum[EVAL_IOUS] = {0}, all = 0, rsum = 0;
    for (int t = 0; t < EVAL_IOUS; t++) {
        for (int r = 0; r < EVAL_RECALLS; r++)
            sum[t] += q[t * EVAL_RECALLS + r];
        all += sum[t];
        rsum += recall[t];
    }
    double ap = all / (EVAL_IOUS * EVAL_RECALLS), ar = rsum / EVAL_IOUS;
    if (area == 0 && m == EVAL_DET_LIMITS - 1) {
        c[EVAL_AP] = ap;
        c[EVAL_AP50] = sum[0] / EVAL_RECALLS;
        c[EVAL_AP75] = sum[5] / EVAL_RECALLS;
        c[EVAL_AR100] = ar;
    } else if (area == 0) {
        c[m == 0 ? EVAL_AR1 : EVAL_AR10] = ar;
    } else {
        c[EVAL_AP_SMALL + area - 1] = ap;
        c[EVAL_AR_SMALL + area - 1] = ar;
    }
}
#line 509 "chapters/10-evaluation.nw"
static void average_classes(eval_t *e)
{
    for (int s = 0; s < EVAL_STATS; s++) {
        double sum = 0;
        int m = 0;
        for (int k = 0; k < e->ncls; k++)
            if (e->class_ap[k][s] != -1) {
                sum += e->class_ap[k][s];
                m++;
            }
        e->ap[s] = m ? sum / m : -1;
    }
}

#line 301 "chapters/companion/10-evaluation.nw"
/* The items of class K that limit M keeps, in score order, and their
   flags at area range A, threshold-major, into ST.  Their number. */
static int class_states(int n, const item_t *it,
                        const unsigned char *flags, int k, int a,
                        int m, ranked_t *rk, unsigned char *st)
{
    int nd = 0;
    for (int i = 0; i < n; i++)
        if (it[i].cls == k && it[i].pos >= 0
            && it[i].pos < eval_det_limit(m))
            rk[nd++] = (ranked_t){it[i].score, i};
    qsort(rk, (size_t)nd, sizeof *rk, cmp_ranked);
    for (int t = 0; t < EVAL_IOUS; t++)
        for (int i = 0; i < nd; i++)
            st[t * nd + i] = flags[((size_t)a * n + rk[i].at)
                                   * EVAL_IOUS + t];
    return nd;
}

static void count_boxes(const coco_t *gt, int a,
                        int ngt[COCO_MAX_CATEGORIES])
{
    memset(ngt, 0, COCO_MAX_CATEGORIES * sizeof *ngt);
    for (int j = 0; j < gt->nobjects; j++)
        if (!gt->crowd[j] && in_range(gt->area[j], a))
            ngt[gt->objects[j].cls]++;
}

#line 365 "chapters/companion/10-evaluation.nw"
static int evaluate_class(int n, const item_t *it,
                          const unsigned char *flags, int k, int a,
                          int m, int ngt, ranked_t *rk,
                          unsigned char *st, double *rc, double *pr,
                          eval_t *e)
{
    double q[EVAL_IOUS * EVAL_RECALLS], recall[EVAL_IOUS];
    int nd = class_states(n, it, flags, k, a, m, rk, st);
    int kept = a == 0 && m == EVAL_DET_LIMITS - 1;
    if (kept) {
        e->ndt[k] = nd;
        e->tp[k] = malloc((size_t)nd * EVAL_IOUS + 1);
        if (e->tp[k] == NULL) return -1;
        memcpy(e->tp[k], st, (size_t)nd * EVAL_IOUS);
    }
    if (ngt > 0) {
        class_curves(st, nd, ngt, rc, pr, q, recall);
        class_numbers(e->class_ap[k], a, m, q, recall);
    }
    for (int t = 0; kept && t < EVAL_IOUS; t++)
        for (int r = 0; r < EVAL_RECALLS; r++)
            e->precision[((size_t)t * e->ncls + k) * EVAL_RECALLS + r]
                = ngt > 0 ? q[t * EVAL_RECALLS + r] : -1;
    return 0;
}

#line 331 "chapters/companion/10-evaluation.nw"
static int finish_classes(const coco_t *gt, int n, const item_t *it,
                          const unsigned char *flags, eval_t *e,
                          char *err, size_t errsize)
{
    size_t K = (size_t)e->ncls;
    ranked_t *rk = malloc(((size_t)n + 1) * sizeof *rk);
    unsigned char *st = malloc((size_t)n * EVAL_IOUS + 1);
    double *rc = malloc(((size_t)n + 1) * sizeof *rc);
    double *pr = malloc(((size_t)n + 1) * sizeof *pr);
    e->precision = malloc((K * EVAL_IOUS * EVAL_RECALLS + 1)
                          * sizeof *e->precision);
    int ok = rk && st && rc && pr && e->precision;
    for (size_t k = 0; k < K; k++)
        for (int s = 0; s < EVAL_STATS; s++) e->class_ap[k][s] = -1;
    for (int a = 0; ok && a < EVAL_AREAS; a++) {
        int ngt[COCO_MAX_CATEGORIES];
        count_boxes(gt, a, ngt);
        if (a == 0) memcpy(e->ngt, ngt, sizeof ngt);
        for (int m = a ? EVAL_DET_LIMITS - 1 : 0;
             ok && m < EVAL_DET_LIMITS; m++)
            for (int k = 0; ok && k < (int)K; k++)
                ok = evaluate_class(n, it, flags, k, a, m, ngt[k], rk,
                                    st, rc, pr, e) == 0;
    }
    free(rk); free(st); free(rc); free(pr);
    if (!ok) return errf(err, errsize, "out of memory");
    average_classes(e);
    return 0;
}

#line 119 "chapters/companion/10-evaluation.nw"
int eval_run(const coco_t *gt, const detection_t *d, int n, eval_t *e,
             char *err, size_t errsize)
{
    memset(e, 0, sizeof *e);
    e->ncls = gt->ncategories;
    item_t *it = NULL;
    unsigned char *flags = malloc((size_t)n * EVAL_AREAS * EVAL_IOUS
                                  + 1);
    int st = flags == NULL ? errf(err, errsize, "out of memory")
        : sort_runs(gt, d, n, &it, err, errsize);
    if (st == 0) st = match_runs(gt, d, n, it, flags, err, errsize);
    if (st == 0) st = finish_classes(gt, n, it, flags, e, err, errsize);
    free(it);
    free(flags);
    if (st) eval_free(e);
    return st;
}

void eval_free(eval_t *e)
{
    for (int k = 0; k < COCO_MAX_CATEGORIES; k++) {
        free(e->tp[k]);
        e->tp[k] = NULL;
    }
    free(e->precision);
    e->precision = NULL;
}
#line 402 "chapters/companion/10-evaluation.nw"
const char *eval_stage_name(int s)
{
    static const char *const name[EVAL_STAGES] = {"C75", "C50", "Loc",
        "Dup", "Cls", "BG", "FN"};
    return s >= 0 && s < EVAL_STAGES ? name[s] : "?";
}

#line 632 "chapters/10-evaluation.nw"
/* Does D overlap, at IoU >= 0.1, a box of IM that is not a crowd and
   whose class is CLS (SAME) or another (!SAME)? */
static int overlaps(const coco_t *gt, const coco_image_t *im, int cls,
                    int same, const detection_t *d)
{
    for (int j = im->first; j < im->first + im->count; j++)
        if (!gt->crowd[j] && (gt->objects[j].cls == cls) == same
            && eval_iou(&gt->objects[j], d) >= 0.1)
            return 1;
    return 0;
}

/* The states of the run at stages C75 ... Cls: S[stage * nd + i]. */
static int analyse_run(const coco_t *gt, const coco_image_t *im,
                       int cls, const detection_t *const *run, int nd,
                       unsigned char *s)
{
    static const double thr[] = {0.75, 0.5, 0.1};
    size_t no = (size_t)im->count + 1;
    object_t *g = malloc(no * sizeof *g);
    unsigned char *b = malloc(3 * no);
    if (!g || !b) { free(g); free(b); return 1; }
    int ng = gather_boxes(gt, im, cls, 0, g, b, b + no);
    for (int k = EVAL_C75; k <= EVAL_LOC; k++)
        match(g, b, b + no, ng, run, nd, thr[k], b + 2 * no,
              s + k * nd);
    for (int i = 0; i < nd; i++) {
        unsigned char *dup = &s[EVAL_DUP * nd + i];
        unsigned char *cnf = &s[EVAL_CLS * nd + i];
        *dup = s[EVAL_LOC * nd + i];
        if (*dup == EVAL_FP && overlaps(gt, im, cls, 1, run[i]))
            *dup = EVAL_IGNORED;
        *cnf = *dup;
        if (*cnf == EVAL_FP && overlaps(gt, im, cls, 0, run[i]))
            *cnf = EVAL_IGNORED;
    }
    free(g); free(b);
    return 0;
}
#line 438 "chapters/companion/10-evaluation.nw"
static int stage_curves(const coco_t *gt, int n, const item_t *it,
                        const unsigned char *flags,
                        eval_analysis_t *out)
{
    int ngt[COCO_MAX_CATEGORIES], m = 0;
    count_boxes(gt, 0, ngt);
    for (int k = 0; k < gt->ncategories; k++) {
        m += ngt[k] > 0;
        out->ngt += ngt[k];
    }
    ranked_t *rk = malloc(((size_t)n + 1) * sizeof *rk);
    unsigned char *st = malloc((size_t)n + 1);
    double *rc = malloc(((size_t)n + 1) * sizeof *rc);
    double *pr = malloc(((size_t)n + 1) * sizeof *pr);
    int ok = rk && st && rc && pr;
    for (int k = 0; ok && k < gt->ncategories; k++) {
        if (ngt[k] == 0) continue;
        int nd = 0;
        for (int i = 0; i < n; i++)
            if (it[i].cls == k && it[i].pos >= 0)
                rk[nd++] = (ranked_t){it[i].score, i};
        qsort(rk, (size_t)nd, sizeof *rk, cmp_ranked);
        for (int s = 0; s <= EVAL_CLS; s++) {
            double q[EVAL_RECALLS];
            for (int i = 0; i < nd; i++) {
                st[i] = flags[(size_t)s * n + rk[i].at];
                out->tp[s] += st[i] == EVAL_TP;
                out->fp[s] += st[i] == EVAL_FP;
            }
            eval_curve(st, nd, ngt[k], rc, pr);
            eval_interpolate(rc, pr, nd, q);
            for (int r = 0; r < EVAL_RECALLS; r++) {
                out->pr[s][r] += q[r] / m;
                if (s == EVAL_CLS) {
                    out->pr[EVAL_BG][r] += (q[r] > 0) / (double)m;
                    out->pr[EVAL_FN][r] += 1.0 / m;
                }
            }
        }
    }
    for (int s = 0; s < EVAL_STAGES; s++) {
        double sum = 0;
        for (int r = 0; r < EVAL_RECALLS; r++) sum += out->pr[s][r];
        out->ap[s] = m ? sum / EVAL_RECALLS : -1;
    }
    free(rk); free(st); free(rc); free(pr);
    return ok ? 0 : 1;
}

#line 412 "chapters/companion/10-evaluation.nw"
int eval_analyze(const coco_t *gt, const detection_t *d, int n,
                 eval_analysis_t *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    item_t *it = NULL;
    unsigned char *flags = malloc((size_t)n * (EVAL_CLS + 1) + 1);
    const detection_t **run = malloc(EVAL_MAX_DETS * sizeof *run);
    int st = !flags || !run ? errf(err, errsize, "out of memory")
        : sort_runs(gt, d, n, &it, err, errsize);
    unsigned char s[(EVAL_CLS + 1) * EVAL_MAX_DETS];
    for (int a = 0, z, nd; st == 0 && a < n; a = z) {
        z = next_run(it, n, a, d, run, &nd);
        st = analyse_run(gt, &gt->images[it[a].image], it[a].cls, run,
                         nd, s);
        for (int k = 0; k <= EVAL_CLS; k++)
            for (int i = 0; i < nd; i++)
                flags[(size_t)k * n + a + i] = s[k * nd + i];
    }
    if (st == 0) st = stage_curves(gt, n, it, flags, out);
    if (st > 0) st = errf(err, errsize, "out of memory");
    free(it); free(flags); free(run);
    return st;
}
#line 553 "chapters/companion/10-evaluation.nw"
static int number(const cJSON *o, const char *key, double *v)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    *v = cJSON_IsNumber(x) ? x->valuedouble : NAN;
    return isfinite(*v) ? 0 : -1;
}

static int read_result(const char *path, int i, const cJSON *a,
                       const coco_t *gt, const image_key_t *keys,
                       detection_t *d, char *err, size_t errsize)
{
    double img, cat, s, b[4];
    const cJSON *bb = cJSON_GetObjectItemCaseSensitive(a, "bbox");
    #define BAD(...) errf(err, errsize, __VA_ARGS__)
    if (!cJSON_IsObject(a))
        return BAD("%s: [%d]: not an object", path, i);
    if (number(a, "image_id", &img) || img != floor(img)
        || fabs(img) > 1e15
        || image_rank(keys, gt->nimages, (long)img) < 0)
        return BAD("%s: [%d]: image_id is not an image of the ground "
                   "truth", path, i);
    int k = 0;
    if (number(a, "category_id", &cat) == 0)
        while (k < gt->ncategories && gt->categories[k].id != cat) k++;
    if (k == gt->ncategories || isnan(cat))
        return BAD("%s: [%d]: category_id is not a category of the "
                   "ground truth", path, i);
    if (cJSON_GetArraySize(bb) != 4 || !cJSON_IsArray(bb))
        return BAD("%s: [%d]: bbox is not [x, y, w, h]", path, i);
    for (int j = 0; j < 4; j++) {
        const cJSON *x = cJSON_GetArrayItem(bb, j);
        b[j] = cJSON_IsNumber(x) ? x->valuedouble : NAN;
        if (!isfinite(b[j]) || (j >= 2 && b[j] < 0))
            return BAD("%s: [%d]: bbox[%d] is not a finite%s number",
                       path, i, j, j >= 2 ? " non-negative" : "");
    }
    if (number(a, "score", &s) || s < 0 || s > 1)
        return BAD("%s: [%d]: score is not a number in [0, 1]", path,
                   i);
    #undef BAD
    *d = (detection_t){(long)img, k, (float)s, (float)b[0], (float)b[1],
                       (float)(b[0] + b[2]), (float)(b[1] + b[3])};
    return 0;
}

#line 497 "chapters/companion/10-evaluation.nw"
int eval_read_results(const char *path, const coco_t *gt,
                      detection_list_t *out, char *err,
                      size_t errsize)
{
    
#line 527 "chapters/companion/10-evaluation.nw"
size_t len = 0;
char *text = in_read(path, (size_t)256 << 20, "a results file", 1,
                     &len, err, errsize);
if (text == NULL) return -1;
const char *nul = json_nul_escape(text, len);
if (nul) {
    errf(err, errsize, "%s: byte %ld: a \\u0000 escape, a NUL that"
         " would cut its string short", path, (long)(nul - text));
    free(text);
    return -1;
}
const char *end = text;
cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
long line = 1, at = (long)(end - text);
for (const char *p = text; root == NULL && p < end; p++)
    line += *p == '\n';
free(text);
if (root == NULL)
    return errf(err, errsize, "%s:%ld: not valid JSON (byte %ld)", path,
                line, at);
#line 502 "chapters/companion/10-evaluation.nw"
    image_key_t *keys = image_keys(gt);
    int st = keys == NULL ? errf(err, errsize, "out of memory")
        : !cJSON_IsArray(root)
        ? errf(err, errsize, "%s: not a JSON array", path) : 0;
    int i = 0;
    const cJSON *a;
    if (st == 0)
        cJSON_ArrayForEach(a, root) {
            detection_t d;
            if ((st = read_result(path, i++, a, gt, keys, &d, err,
                                  errsize)) != 0)
                break;
            if ((st = detection_list_append(out, &d)) != 0) {
                errf(err, errsize, "%s: out of memory", path);
                break;
            }
        }
    free(keys);
    cJSON_Delete(root);
    if (st) detection_list_free(out);
    return st;
}
#line 603 "chapters/companion/10-evaluation.nw"
static int write_text(const char *path, const char *text, char *err,
                      size_t errsize)
{
    if (text == NULL) return errf(err, errsize, "%s: out of memory",
                                  path);
    return out_write(path, text, strlen(text), err, errsize);
}

int eval_write_results(const char *path, const coco_t *gt,
                       const detection_t *d, int n, char *err,
                       size_t errsize)
{
    cJSON *root = cJSON_CreateArray();
    for (int i = 0; root && i < n; i++) {
        if (d[i].cls < 0 || d[i].cls >= gt->ncategories) {
            cJSON_Delete(root);
            return errf(err, errsize, "%s: detection %d: class %d is "
                        "not in the ground truth", path, i, d[i].cls);
        }
        double box[4] = {d[i].x1, d[i].y1, (double)d[i].x2 - d[i].x1,
                         (double)d[i].y2 - d[i].y1};
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(root, o);
        cJSON_AddNumberToObject(o, "image_id", (double)d[i].image_id);
        cJSON_AddNumberToObject(o, "category_id",
                                (double)gt->categories[d[i].cls].id);
        cJSON_AddItemToObject(o, "bbox",
                              cJSON_CreateDoubleArray(box, 4));
        cJSON_AddNumberToObject(o, "score", d[i].score);
    }
    char *text = root ? cJSON_PrintUnformatted(root) : NULL;
    int st = write_text(path, text, err, errsize);
    cJSON_free(text);
    cJSON_Delete(root);
    return st;
}
#line 643 "chapters/companion/10-evaluation.nw"
int eval_write_pr(const char *path, const coco_t *gt, const eval_t *e,
                  char *err, size_t errsize)
{
    size_t cap = 64 + (size_t)e->ncls * EVAL_IOUS * EVAL_RECALLS * 48;
    char *text = malloc(cap);
    size_t len = 0;
    if (text == NULL) return errf(err, errsize, "out of memory");
    len += (size_t)snprintf(text, cap, "category_id iou recall "
                            "precision\n");
    for (int k = 0; k < e->ncls; k++)
        for (int t = 0; e->ngt[k] > 0 && t < EVAL_IOUS; t++)
            for (int r = 0; r < EVAL_RECALLS; r++)
                len += (size_t)snprintf(text + len, cap - len,
                    "%ld %.2f %.2f %.6f\n", gt->categories[k].id,
                    eval_iou_threshold(t), eval_recall_threshold(r),
                    e->precision[((size_t)t * e->ncls + k)
                                 * EVAL_RECALLS + r]);
    int st = write_text(path, text, err, errsize);
    free(text);
    return st;
}

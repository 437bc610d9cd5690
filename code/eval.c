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

#line 63 "chapters/companion/10-evaluation.nw"
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
#line 37 "chapters/companion/10-evaluation.nw"
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
#line 223 "chapters/10-evaluation.nw"
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
#line 250 "chapters/10-evaluation.nw"
void eval_curve(const unsigned char *tp, int nd, int ngt,
                double *recall, double *precision)
{
    int ntp = 0;
    for (int i = 0; i < nd; i++) {
        ntp += tp[i];
        recall[i] = (double)ntp / ngt;
        precision[i] = (double)ntp / (i + 1);
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
#line 279 "chapters/10-evaluation.nw"
static void match(const object_t *g, int ng,
                  const detection_t *const *d, int nd,
                  unsigned char *taken, unsigned char *tp)
{
    for (int t = 0; t < EVAL_IOUS; t++) {
        memset(taken, 0, (size_t)ng + 1);
        for (int i = 0; i < nd; i++) {
            double best = fmin(eval_iou_threshold(t), 1 - 1e-10);
            int m = -1;
            for (int j = 0; j < ng; j++) {
                double iou = taken[j] ? -1 : eval_iou(&g[j], d[i]);
                if (iou >= best) { best = iou; m = j; }
            }
            if (m >= 0) taken[m] = 1;
            tp[i * EVAL_IOUS + t] = m >= 0;
        }
    }
}
#line 98 "chapters/companion/10-evaluation.nw"
typedef struct { int rank, image, cls, index; float score; } item_t;

static int cmp_item(const void *a, const void *b)
{
    const item_t *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    if (x->cls != y->cls) return x->cls < y->cls ? -1 : 1;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

#line 146 "chapters/companion/10-evaluation.nw"
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
        it[i] = (item_t){r, r < 0 ? -1 : keys[r].index, d[i].cls, i,
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
#line 177 "chapters/companion/10-evaluation.nw"
static int match_runs(const coco_t *gt, const detection_t *d, int n,
                      item_t *it, unsigned char *flags, eval_t *e,
                      char *err, size_t errsize)
{
    object_t *g = malloc(((size_t)gt->nobjects + 1) * sizeof *g);
    unsigned char *taken = malloc((size_t)gt->nobjects + 1);
    const detection_t **run = malloc(EVAL_MAX_DETS * sizeof *run);
    if (!g || !taken || !run) {
        free(g); free(taken); free(run);
        return errf(err, errsize, "out of memory");
    }
    for (int a = 0, b; a < n; a = b) {
        for (b = a; b < n && it[b].rank == it[a].rank
                    && it[b].cls == it[a].cls; b++) {}
        const coco_image_t *im = &gt->images[it[a].image];
        int ng = 0, nd = b - a < EVAL_MAX_DETS ? b - a : EVAL_MAX_DETS;
        for (int j = im->first; j < im->first + im->count; j++)
            if (gt->objects[j].cls == it[a].cls)
                g[ng++] = gt->objects[j];
        for (int i = 0; i < nd; i++) run[i] = &d[it[a + i].index];
        match(g, ng, run, nd, taken, flags + (size_t)a * EVAL_IOUS);
        for (int i = a + nd; i < b; i++) it[i].index = -1;
        e->ndt[it[a].cls] += nd;
    }
    free(g); free(taken); free(run);
    return 0;
}
#line 211 "chapters/companion/10-evaluation.nw"
typedef struct { float score; int pos; } ranked_t;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

#line 308 "chapters/10-evaluation.nw"
static int interpolate_classes(eval_t *e, char *err, size_t errsize)
{
    int most = 1, K = e->ncls, m = 0;
    for (int k = 0; k < K; k++) {
        most = e->ndt[k] > most ? e->ndt[k] : most;
        m += e->ngt[k] > 0;                 /* classes with GT */
    }
    for (int s = 0; s < EVAL_STATS; s++) e->ap[s] = m ? 0 : -1;
    double *rc = malloc((size_t)most * sizeof *rc);
    double *pr = malloc((size_t)most * sizeof *pr);
    e->precision = malloc(((size_t)K * EVAL_IOUS * EVAL_RECALLS + 1)
                          * sizeof *e->precision);
    int ok = rc && pr && e->precision;
    for (int k = 0; ok && k < K; k++) ok = e->tp[k] != NULL;
    for (int k = 0; ok && k < K; k++) {
        double sum[EVAL_IOUS] = {0};
        for (int t = 0; t < EVAL_IOUS; t++) {
            double *q = e->precision
                + ((size_t)t * K + k) * EVAL_RECALLS;
            if (e->ngt[k] == 0) {
                for (int r = 0; r < EVAL_RECALLS; r++) q[r] = -1;
                continue;
            }
            eval_curve(e->tp[k] + (size_t)t * e->ndt[k], e->ndt[k],
                       e->ngt[k], rc, pr);
            eval_interpolate(rc, pr, e->ndt[k], q);
            for (int r = 0; r < EVAL_RECALLS; r++) sum[t] += q[r];
        }
        
#line 346 "chapters/10-evaluation.nw"
double *c = e->class_ap[k], all = 0;
for (int t = 0; t < EVAL_IOUS; t++) all += sum[t];
c[EVAL_AP] = all / (EVAL_IOUS * EVAL_RECALLS);
c[EVAL_AP50] = sum[0] / EVAL_RECALLS;
c[EVAL_AP75] = sum[5] / EVAL_RECALLS;
for (int s = 0; s < EVAL_STATS; s++) {
    if (e->ngt[k] == 0) c[s] = -1;
    else e->ap[s] += c[s] / m;
}
#line 337 "chapters/10-evaluation.nw"
    }
    free(rc); free(pr);
    return ok ? 0 : errf(err, errsize, "out of memory");
}

#line 222 "chapters/companion/10-evaluation.nw"
static int finish_classes(int n, const item_t *it,
                          const unsigned char *flags, eval_t *e,
                          char *err, size_t errsize)
{
    ranked_t *rk = malloc(((size_t)n + 1) * sizeof *rk);
    if (rk == NULL) return errf(err, errsize, "out of memory");
    for (int k = 0; k < e->ncls; k++) {
        int nd = 0;
        for (int i = 0; i < n; i++)
            if (it[i].cls == k && it[i].index >= 0)
                rk[nd++] = (ranked_t){it[i].score, i};
        qsort(rk, (size_t)nd, sizeof *rk, cmp_ranked);
        e->tp[k] = malloc((size_t)nd * EVAL_IOUS + 1);
        if (e->tp[k] == NULL) break;
        for (int t = 0; t < EVAL_IOUS; t++)
            for (int i = 0; i < nd; i++)
                e->tp[k][t * nd + i] = flags[rk[i].pos * EVAL_IOUS + t];
    }
    free(rk);
    return interpolate_classes(e, err, errsize);
}

#line 113 "chapters/companion/10-evaluation.nw"
int eval_run(const coco_t *gt, const detection_t *d, int n, eval_t *e,
             char *err, size_t errsize)
{
    memset(e, 0, sizeof *e);
    e->ncls = gt->ncategories;
    for (int j = 0; j < gt->nobjects; j++)
        e->ngt[gt->objects[j].cls]++;
    item_t *it = NULL;
    unsigned char *flags = malloc((size_t)n * EVAL_IOUS + 1);
    int st = flags == NULL ? errf(err, errsize, "out of memory")
        : sort_runs(gt, d, n, &it, err, errsize);
    if (st == 0) st = match_runs(gt, d, n, it, flags, e, err, errsize);
    if (st == 0) st = finish_classes(n, it, flags, e, err, errsize);
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
#line 310 "chapters/companion/10-evaluation.nw"
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

#line 254 "chapters/companion/10-evaluation.nw"
int eval_read_results(const char *path, const coco_t *gt,
                      detection_list_t *out, char *err,
                      size_t errsize)
{
    
#line 284 "chapters/companion/10-evaluation.nw"
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
#line 259 "chapters/companion/10-evaluation.nw"
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
#line 360 "chapters/companion/10-evaluation.nw"
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
#line 400 "chapters/companion/10-evaluation.nw"
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

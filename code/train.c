#line 19 "chapters/companion/11-training.nw"
/* train.c: the detector's trainer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "detect.h"
#include "files.h"
#include "pool.h"
#include "train.h"

#line 62 "chapters/companion/11-training.nw"
train_config_t train_config_default(void)
{
    train_config_t c;
    memset(&c, 0, sizeof c);
    c.net = net_rtiny_config();
    c.net.norm_groups = TRAIN_NORM_GROUPS;
    c.net.head_depth = TRAIN_HEAD_DEPTH;
    c.loss = detloss_spec_default();
    c.sgd = sgd_retinanet_config();
    c.sgd.lr = TRAIN_LR;
    c.batch = TRAIN_BATCH;
    c.seed = SCENE_SEED;
    c.prior_pi = TRAIN_PRIOR;
    c.clip = TRAIN_CLIP;
    c.sampling = SAMPLING_NONE;
    c.scenes = scene_config_default();
    c.anchors = anchor_config_default();
    train_config_schedule(&c, TRAIN_ITERS);
    return c;
}
#line 196 "chapters/11-training.nw"
void train_config_schedule(train_config_t *c, long iters)
{
    long s[2] = {iters * 2 / 3, iters * 8 / 9};
    c->sgd.max_iter = iters;
    c->sgd.num_steps = 0;
    for (int i = 0; i < 2; i++)
        if (s[i] > 0 && s[i] < iters
            && (i == 0 || s[i] > s[0]))
            c->sgd.steps[c->sgd.num_steps++] = s[i];
    c->sgd.warmup_iters = iters / 10 < TRAIN_WARMUP ? iters / 10
                                                    : TRAIN_WARMUP;
}
#line 91 "chapters/companion/11-training.nw"
const char *train_config_check(const train_config_t *c, char *msg,
                               size_t size)
{
    const char *why;
    if (net_config_check(&c->net, msg, size))
        return msg;
    if (c->net.in_channels != SCENE_CHANNELS
        || c->net.height != SCENE_SIZE || c->net.width != SCENE_SIZE
        || c->net.num_classes < 1
        || c->net.num_classes > ANCHOR_MAX_CLASSES)
        why = "the network must take 3 x 128 x 128 images and have"
              " 1 to 100 classes";
    else if ((why = anchor_config_check(&c->anchors)) != NULL)
        ;
    else if (c->net.num_anchors != anchor_config_count(&c->anchors))
        why = "the network's anchors per position must be the anchor"
              " configuration's scales x ratios";
    else if ((why = detloss_spec_check(&c->loss)) != NULL)
        ;
    else if (sgd_config_check(&c->sgd, msg, size))
        return msg;
    else if (c->batch < 1 || c->batch > TRAIN_MAX_BATCH)
        why = "the batch must hold 1 to 256 images";
    else if (!(c->prior_pi > 0 && c->prior_pi < 1))
        why = "the prior must lie in (0, 1)";
    else if (!(c->clip >= 0 && c->clip <= 1e6))
        why = "the gradient clip must lie in [0, 1e6]";
    else if (!sampling_name(c->sampling))
        why = "unknown sampling heuristic";
    else if (scene_config_check(&c->scenes, msg, size))
        return msg;
    if (why) snprintf(msg, size, "%s", why);
    return why ? msg : NULL;
}
#line 134 "chapters/companion/11-training.nw"
int trainer_create(trainer_t *t, const train_config_t *c, int threads)
{
    memset(t, 0, sizeof *t);
    t->cfg = *c;
    t->scenes = c->scenes;
    int B = c->batch, bad = net_create(&t->net, &c->net, B) != 0;
    bad = bad || layer_ctx_init(&t->ctx, net_scratch_size(&t->net))
          || layer_ctx_set_threads(&t->ctx, threads)
          || anchor_grid_create(&t->grid, &c->anchors, SCENE_SIZE,
                                SCENE_SIZE);
    if (!bad) {
        
#line 158 "chapters/companion/11-training.nw"
t->velocity = calloc(net_num_params(&t->net), sizeof(float));
t->scene = malloc((size_t)(threads > 1 ? threads : 1)
                  * sizeof *t->scene);
t->images = malloc(B * sizeof t->scene->pixels);
t->targets = calloc(B, sizeof *t->targets);
t->keep = malloc((size_t)B * t->grid.count);
bad = !t->velocity || !t->scene || !t->images || !t->targets
      || !t->keep;
for (int b = 0; b < B && !bad; b++)
    bad = anchor_targets_alloc(&t->targets[b], t->grid.count);
for (int l = 0; l < NET_LEVELS && !bad; l++) {
    t->dcls[l] = malloc(shape_count(net_cls_shape(&t->net, l, B))
                        * sizeof(float));
    t->dbox[l] = malloc(shape_count(net_box_shape(&t->net, l, B))
                        * sizeof(float));
    bad = !t->dcls[l] || !t->dbox[l];
}
#line 146 "chapters/companion/11-training.nw"
    }
    if (bad) {
        trainer_free(t);
        return TRAIN_NOMEM;
    }
    rng_seed(&t->rng, c->seed);
    net_init_weights(&t->net, &t->rng, c->prior_pi);
    return TRAIN_OK;
}
#line 178 "chapters/companion/11-training.nw"
void trainer_free(trainer_t *t)
{
    for (int b = 0; t->targets && b < t->cfg.batch; b++)
        anchor_targets_free(&t->targets[b]);
    for (int l = 0; l < NET_LEVELS; l++) {
        free(t->dcls[l]);
        free(t->dbox[l]);
    }
    free(t->targets); free(t->keep); free(t->images); free(t->scene);
    free(t->velocity);
    anchor_grid_free(&t->grid);
    layer_ctx_free(&t->ctx);
    net_free(&t->net);
    memset(t, 0, sizeof *t);
}
#line 222 "chapters/11-training.nw"
int train_flip(uint64_t seed, long i)
{
    uint64_t z = seed + 0x9e3779b97f4a7c15u * (uint64_t)(i + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return (int)((z ^ (z >> 31)) >> 63);
}
#line 236 "chapters/11-training.nw"
void train_input(float *x, const float *pixels, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = (pixels[i] - 0.5f) * 4.0f;
}
#line 202 "chapters/companion/11-training.nw"
typedef struct {
    trainer_t *t;
    long step;
    char failed[TRAIN_MAX_BATCH];   /* image b's assignment failed */
    int pick[TRAIN_MAX_BATCH];      /* own data: image b's index */
} batch_job_t;

static void load_part(void *arg, int part, int nparts)
{
    batch_job_t *j = arg;
    trainer_t *t = j->t;
    scene_t *sc = &t->scene[part];
    size_t npix = sizeof sc->pixels / sizeof(float);
    int B = t->cfg.batch;
    for (int b = B * part / nparts; b < B * (part + 1) / nparts; b++) {
        long i = j->step * B + b;
        if (t->data) {
            j->failed[b] = train_own_example(t->data, j->pick[b],
                train_flip(t->cfg.seed, i), t->images + b * npix,
                &t->grid, &t->targets[b]) != 0;
            continue;
        }
        scene_generate(&t->scenes, t->cfg.seed, SCENE_TRAIN, i, sc);
        if (train_flip(t->cfg.seed, i))
            scene_flip(sc);
        train_input(t->images + b * npix, sc->pixels, npix);
        if (anchor_assign(&t->grid.cfg, t->grid.box, t->grid.count,
                          sc->objects, sc->count, &t->targets[b])
            || t->cfg.net.num_classes < SCENE_CLASSES)
            j->failed[b] = 1;
    }
}

static int load_batch(trainer_t *t, long step)
{
    batch_job_t j = {t, step, {0}, {0}};
    if (t->data && train_own_picks(t->data->count, t->cfg.seed, step,
                                   t->cfg.batch, j.pick))
        return -1;
    if (t->ctx.pool != NULL)
        pool_run(t->ctx.pool, load_part, &j);
    else
        load_part(&j, 0, 1);
    return memchr(j.failed, 1, (size_t)t->cfg.batch) ? -1 : 0;
}
#line 253 "chapters/companion/11-training.nw"
static int sample_batch(trainer_t *t)
{
    for (int b = 0; b < t->cfg.batch; b++) {
        unsigned char *keep = t->keep + (size_t)b * t->grid.count;
        t->targets[b].keep = t->cfg.sampling ? keep : NULL;
        if (t->cfg.sampling
            && sampling_select(t->cfg.sampling, &t->cfg.loss.cls,
                               &t->grid, t->cfg.net.num_classes,
                               t->net.cls, t->net.box, b,
                               &t->targets[b], keep) < 0)
            return -1;
    }
    return 0;
}
#line 273 "chapters/companion/11-training.nw"
static int nonfinite(const float *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 1;
    return 0;
}

static int check_layers(const net_t *net, int grads, char *bad)
{
    for (int i = 0; i < net->nconv; i++) {
        const conv_t *l = &net->conv[i].conv;
        size_t nw = (size_t)l->cout * l->cin * l->kh * l->kw;
        if (nonfinite(grads ? l->dw : l->w, nw)
            || nonfinite(grads ? l->db : l->b, l->cout)) {
            snprintf(bad, TRAIN_BAD_SIZE, "%s of layer %s",
                     grads ? "gradient" : "parameters after the update",
                     net->conv[i].name);
            return 1;
        }
    }
    return 0;
}
#line 272 "chapters/11-training.nw"
static void clip_gradient(trainer_t *t, train_stats_t *st)
{
    float *g = net_grads(&t->net);
    size_t n = net_num_params(&t->net);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (double)g[i] * g[i];
    st->grad_norm = sqrt(sum);
    if (t->cfg.clip > 0 && st->grad_norm > t->cfg.clip) {
        float s = (float)(t->cfg.clip / st->grad_norm);
        for (size_t i = 0; i < n; i++)
            g[i] *= s;
    }
}
#line 295 "chapters/11-training.nw"
int train_step(trainer_t *t, train_stats_t *st)
{
    int B = t->cfg.batch;
    memset(st, 0, sizeof *st);
    if (load_batch(t, t->step) || net_forward(&t->ctx, &t->net,
                                              t->images, B)
        || sample_batch(t)
        || detloss_eval_pool(t->ctx.pool, &t->cfg.loss, &t->grid,
                             t->cfg.net.num_classes, B, t->net.cls,
                             t->net.box, t->targets, t->dcls, t->dbox,
                             &st->loss))
        return TRAIN_NOMEM;
    st->iter = t->step + 1;
    if (!isfinite(st->loss.cls) || !isfinite(st->loss.box)) {
        snprintf(st->bad, TRAIN_BAD_SIZE, "%s loss",
                 isfinite(st->loss.cls) ? "box" : "class");
        return TRAIN_NONFINITE;
    }
    
#line 320 "chapters/11-training.nw"
const float *dc[NET_LEVELS], *db[NET_LEVELS];
for (int l = 0; l < NET_LEVELS; l++) {
    dc[l] = t->dcls[l];
    db[l] = t->dbox[l];
}
net_zero_grad(&t->net);
if (net_backward(&t->ctx, &t->net, t->images, B, dc, db))
    return TRAIN_NOMEM;
if (check_layers(&t->net, 1, st->bad))
    return TRAIN_NONFINITE;
clip_gradient(t, st);
st->lr = sgd_lr_at(&t->cfg.sgd, t->step);
sgd_step(&t->cfg.sgd, t->step, net_params(&t->net),
         net_grads(&t->net), t->velocity, net_num_params(&t->net));
if (check_layers(&t->net, 0, st->bad))
    return TRAIN_NONFINITE;
#line 314 "chapters/11-training.nw"
    t->step++;
    return TRAIN_OK;
}
#line 302 "chapters/companion/11-training.nw"
int train_val_open(train_val_t *v, const scene_config_t *sc,
                   uint64_t seed, int split, int n)
{
    scene_t *s = malloc(sizeof *s);
    size_t npix = sizeof s->pixels / sizeof(float);
    memset(v, 0, sizeof *v);
    coco_init(&v->gt, ".");
    v->images = malloc((size_t)(n > 0 ? n : 1) * npix * sizeof(float));
    int bad = !s || !v->images;
    for (int k = 0; k < SCENE_CLASSES && !bad; k++)
        bad = coco_add_category(&v->gt, k + 1, scene_class_name(k));
    for (int i = 0; i < n && !bad; i++) {
        char name[32];
        scene_generate(sc, seed, split, i, s);
        memcpy(v->images + i * npix, s->pixels, sizeof s->pixels);
        snprintf(name, sizeof name, "%s-%06d.png",
                 scene_split_name(split), i);
        bad = coco_add_image(&v->gt, name, SCENE_SIZE, SCENE_SIZE,
                             s->objects, s->count);
        v->count = i + 1;
    }
    free(s);
    if (bad) train_val_free(v);
    return bad ? -1 : 0;
}

void train_val_free(train_val_t *v)
{
    free(v->images);
    free(v->fit);
    free(v->path);
    coco_free(&v->gt);
    memset(v, 0, sizeof *v);
}
#line 344 "chapters/companion/11-training.nw"
int train_detect(layer_ctx_t *ctx, net_t *net,
                 const anchor_config_t *anchors, const train_val_t *v,
                 detection_list_t *out)
{
    size_t npix = (size_t)net->cfg.in_channels * net->cfg.height
                  * net->cfg.width;
    detect_params_t p = detect_params_default();
    detect_source_t src[TRAIN_MAX_BATCH];
    anchor_grid_t g = {0};
    float *x = malloc(net->max_batch * npix * sizeof *x);
    if (!x || net->max_batch > TRAIN_MAX_BATCH
        || anchor_grid_create(&g, anchors, net->cfg.width,
                              net->cfg.height)
        || g.num_anchors != net->cfg.num_anchors) {
        anchor_grid_free(&g);
        free(x);
        return -1;
    }
    int bad = 0;
    for (int i = 0; i < v->count && !bad; i += net->max_batch) {
        int m = v->count - i < net->max_batch ? v->count - i
                                              : net->max_batch;
        for (int b = 0; b < m; b++) {
            const coco_image_t *im = &v->gt.images[i + b];
            int boxed = v->fit && (im->width != SCENE_SIZE
                                   || im->height != SCENE_SIZE);
            src[b] = (detect_source_t){im->id, boxed ? 0 : im->width,
                                       boxed ? 0 : im->height};
        }
        int from = out->count;
        train_input(x, v->images + i * npix, m * npix);
        bad = net_forward(ctx, net, x, m)
              || detect_batch(&p, &g, net->cfg.num_classes, net->cls,
                              net->box, m, src, out);
        if (!bad && v->fit) train_unfit(v, i, m, out, from);
    }
    anchor_grid_free(&g);
    free(x);
    return bad ? -1 : 0;
}
#line 361 "chapters/11-training.nw"
int train_validate(trainer_t *t, const train_val_t *v, eval_t *e)
{
    detection_list_t dl = {0};
    char err[DATA_ERR_SIZE];
    int bad = train_detect(&t->ctx, &t->net, &t->cfg.anchors, v, &dl)
              || eval_run(&v->gt, dl.items, dl.count, e, err,
                          sizeof err);
    detection_list_free(&dl);
    return bad ? -1 : 0;
}
#line 1534 "chapters/companion/11-training.nw"
int train_log_read(const char *path, train_log_row_t *rows, int max)
{
    FILE *in = fopen(path, "r");
    char line[512];
    int n = 0;
    if (!in || !fgets(line, sizeof line, in)) {    /* the header */
        if (in) fclose(in);
        return 0;
    }
    while (n < max && fgets(line, sizeof line, in)) {
        double lr, fg;
        train_log_row_t *w = &rows[n];
        if (sscanf(line, "%ld,%lf,%lf,%lf,%lf,%lf,%lf", &w->iter, &lr,
                   &w->cls, &w->box, &fg, &w->ips, &w->seconds) != 7)
            continue;
        const char *p = line;
        for (int k = 0; k < 8 && p; k++)
            if ((p = strchr(p, ',')) != NULL) p++;
        w->val = p && sscanf(p, "%lf,%lf,%lf", &w->ap[0], &w->ap[1],
                             &w->ap[2]) == 3;
        n++;
    }
    fclose(in);
    return n;
}
#line 1567 "chapters/companion/11-training.nw"
static int log_row_parse(const char *line, train_log_row_t *w)
{
    double lr, fg;
    int used = 0;
    if (sscanf(line, "%ld,%lf,%lf,%lf,%lf,%lf,%lf%n", &w->iter, &lr,
               &w->cls, &w->box, &fg, &w->ips, &w->seconds, &used) < 7
        || used == 0)
        return -1;
    const char *p = line;
    for (int k = 0; k < 8 && p; k++)
        if ((p = strchr(p, ',')) != NULL) p++;
    if (p == NULL) return -1;
    w->val = sscanf(p, "%lf,%lf,%lf", &w->ap[0], &w->ap[1],
                    &w->ap[2]) == 3;
    return w->val || strncmp(p, ",,", 2) == 0 ? 0 : -1;
}

int train_log_load(const char *path, train_log_row_t **rows, int *n,
                   char *err, size_t errsize)
{
    size_t len, cap = 0;
    char *text = in_read(path, (size_t)64 << 20, "a training log", 1,
                         &len, err, errsize);
    *rows = NULL;
    *n = 0;
    if (text == NULL) return -1;
    char *line = strchr(text, '\n');
    int st = strncmp(text, "iter,", 5) != 0 || line == NULL
        ? errf(err, errsize, "%s:1: not a training log (no header"
               " \"iter,lr,...\")", path) : 0;
    for (long k = 2; !st && *++line != '\0'; k++) {
        char *nl = strchr(line, '\n');
        if (nl == NULL) {
            st = errf(err, errsize, "%s:%ld: an unfinished row (a run"
                      " killed while writing it?)", path, k);
            break;
        }
        *nl = '\0';
        if ((size_t)*n == cap) {
            train_log_row_t *more = realloc(*rows, (cap = cap ? 2 * cap
                                            : 256) * sizeof *more);
            if (more == NULL) st = errf(err, errsize, "out of memory");
            else *rows = more;
        }
        if (!st && log_row_parse(line, &(*rows)[*n]) != 0)
            st = errf(err, errsize, "%s:%ld: not a row of a training"
                      " log", path, k);
        if (!st) ++*n;
        line = nl;
    }
    free(text);
    if (st) {
        free(*rows);
        *rows = NULL;
        *n = 0;
    }
    return st;
}

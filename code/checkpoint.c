#line 450 "chapters/companion/11-training.nw"
/* checkpoint.c: versioned, hashed checkpoint files. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "checkpoint.h"
#include "cli.h"
#include "files.h"

#line 471 "chapters/companion/11-training.nw"
enum { I32, I64, U64, F64 };
typedef struct { int kind; size_t off; const char *name; } field_t;
#define F(k, m, n) {k, offsetof(checkpoint_t, m), n}
static const field_t fields[] = {
    F(I32, cfg.net.in_channels, "network"), F(I32, cfg.net.height, 0),
    F(I32, cfg.net.width, 0), F(I32, cfg.net.stem_width, 0),
    F(I32, cfg.net.widths[0], 0), F(I32, cfg.net.widths[1], 0),
    F(I32, cfg.net.widths[2], 0), F(I32, cfg.net.widths[3], 0),
    F(I32, cfg.net.blocks[0], 0), F(I32, cfg.net.blocks[1], 0),
    F(I32, cfg.net.blocks[2], 0), F(I32, cfg.net.blocks[3], 0),
    F(I32, cfg.net.fpn_width, 0), F(I32, cfg.net.head_width, 0),
    F(I32, cfg.net.head_depth, 0), F(I32, cfg.net.num_classes, 0),
    F(I32, cfg.net.num_anchors, 0), F(I32, cfg.net.norm_groups, 0),
    F(I32, cfg.loss.cls.kind, "loss"), F(F64, cfg.loss.cls.gamma, 0),
    F(F64, cfg.loss.cls.alpha, 0), F(F64, cfg.loss.cls.beta, 0),
    F(F64, cfg.loss.beta, 0),
    F(F64, cfg.sgd.lr, "sgd"), F(F64, cfg.sgd.momentum, 0),
    F(F64, cfg.sgd.weight_decay, 0), F(I64, cfg.sgd.warmup_iters, 0),
    F(F64, cfg.sgd.warmup_factor, 0), F(I32, cfg.sgd.num_steps, 0),
    F(I64, cfg.sgd.steps[0], 0), F(I64, cfg.sgd.steps[1], 0),
    F(I64, cfg.sgd.steps[2], 0), F(I64, cfg.sgd.steps[3], 0),
    F(I64, cfg.sgd.steps[4], 0), F(I64, cfg.sgd.steps[5], 0),
    F(I64, cfg.sgd.steps[6], 0), F(I64, cfg.sgd.steps[7], 0),
    F(F64, cfg.sgd.decay, 0), F(I64, cfg.sgd.max_iter, 0),
    F(I32, cfg.batch, "training"), F(U64, cfg.seed, 0),
    F(F64, cfg.prior_pi, 0), F(F64, cfg.clip, 0),
    F(I32, cfg.sampling, 0),
    F(I32, cfg.scenes.min_objects, "scenes"),
    F(I32, cfg.scenes.max_objects, 0),
    F(I32, cfg.scenes.max_distractors, 0),
    F(F64, cfg.scenes.min_size, 0), F(F64, cfg.scenes.max_size, 0),
    
#line 520 "chapters/companion/11-training.nw"
F(F64, cfg.anchors.size, "anchors"),
F(I32, cfg.anchors.num_scales, 0), F(I32, cfg.anchors.num_ratios, 0),
F(F64, cfg.anchors.scale[0], 0), F(F64, cfg.anchors.scale[1], 0),
F(F64, cfg.anchors.scale[2], 0), F(F64, cfg.anchors.scale[3], 0),
F(F64, cfg.anchors.scale[4], 0), F(F64, cfg.anchors.scale[5], 0),
F(F64, cfg.anchors.scale[6], 0), F(F64, cfg.anchors.scale[7], 0),
F(F64, cfg.anchors.ratio[0], 0), F(F64, cfg.anchors.ratio[1], 0),
F(F64, cfg.anchors.ratio[2], 0), F(F64, cfg.anchors.ratio[3], 0),
F(F64, cfg.anchors.ratio[4], 0), F(F64, cfg.anchors.ratio[5], 0),
F(F64, cfg.anchors.ratio[6], 0), F(F64, cfg.anchors.ratio[7], 0),
F(F64, cfg.anchors.fg_iou, 0), F(F64, cfg.anchors.bg_iou, 0),
#line 503 "chapters/companion/11-training.nw"
    F(I64, step, "state"),
    F(U64, rng.s[0], 0), F(U64, rng.s[1], 0), F(U64, rng.s[2], 0),
    F(U64, rng.s[3], 0), F(U64, count, "parameter count"),
};
enum { NFIELDS = sizeof fields / sizeof fields[0] };
#undef F
#line 534 "chapters/companion/11-training.nw"
static void put(unsigned char *p, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static int field_bytes(int kind) { return kind == I32 ? 4 : 8; }

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3u;
    return h;
}
#line 562 "chapters/companion/11-training.nw"
static uint64_t field_get(const checkpoint_t *c, const field_t *f)
{
    const char *m = (const char *)c + f->off;
    int32_t i32; int64_t i64; uint64_t u64; double f64; long l;
    size_t z;
    switch (f->kind) {
    case I32: memcpy(&i32, m, 4); return (uint64_t)(uint32_t)i32;
    case I64: memcpy(&l, m, sizeof l); i64 = l; return (uint64_t)i64;
    case F64: memcpy(&f64, m, 8); memcpy(&u64, &f64, 8); return u64;
    }
    if (f->off == offsetof(checkpoint_t, count)) {
        memcpy(&z, m, sizeof z);
        return z;
    }
    memcpy(&u64, m, 8);
    return u64;
}
#line 582 "chapters/companion/11-training.nw"
static void field_set(checkpoint_t *c, const field_t *f, uint64_t v)
{
    char *m = (char *)c + f->off;
    int32_t i32 = (int32_t)(uint32_t)v;
    long l = (long)(int64_t)v;
    size_t z = (size_t)v;
    double f64;
    memcpy(&f64, &v, 8);
    switch (f->kind) {
    case I32: memcpy(m, &i32, 4); return;
    case I64: memcpy(m, &l, sizeof l); return;
    case F64: memcpy(m, &f64, 8); return;
    }
    if (f->off == offsetof(checkpoint_t, count))
        memcpy(m, &z, sizeof z);
    else memcpy(m, &v, 8);
}
#line 767 "chapters/companion/11-training.nw"
static long field_offset(int k)
{
    long at = CHECKPOINT_HEADER;
    for (int i = 0; i < k; i++)
        at += field_bytes(fields[i].kind);
    return at;
}
#line 605 "chapters/companion/11-training.nw"
static size_t payload_size(size_t count)
{
    size_t n = 8 * count;
    for (int i = 0; i < NFIELDS; i++)
        n += field_bytes(fields[i].kind);
    return n;
}

#line 831 "chapters/companion/11-training.nw"
static size_t source_size(const checkpoint_source_t *s);
static unsigned char *source_put(const checkpoint_source_t *s,
                                 unsigned char *p);
static void source_of(const trainer_t *t, checkpoint_source_t *s);
static const char *source_get(checkpoint_source_t *s,
                              const unsigned char *p,
                              const unsigned char *end);
#line 614 "chapters/companion/11-training.nw"
static unsigned char *encode(const checkpoint_t *c, size_t *len)
{
    size_t P = payload_size(c->count) + source_size(&c->src);
    unsigned char *buf = malloc(CHECKPOINT_HEADER + P + 8), *p;
    if (!buf) return NULL;
    memcpy(buf, CHECKPOINT_MAGIC, 8);
    put(buf + 8, CHECKPOINT_VERSION, 4);
    put(buf + 12, 0, 4);
    put(buf + 16, P, 8);
    p = buf + CHECKPOINT_HEADER;
    for (int i = 0; i < NFIELDS; i++) {
        put(p, field_get(c, &fields[i]), field_bytes(fields[i].kind));
        p += field_bytes(fields[i].kind);
    }
    
#line 637 "chapters/companion/11-training.nw"
for (int w = 0; w < 2; w++)
    for (size_t i = 0; i < c->count; i++) {
        uint32_t u;
        memcpy(&u, w ? &c->velocity[i] : &c->params[i], 4);
        put(p, u, 4);
        p += 4;
    }
#line 629 "chapters/companion/11-training.nw"
    p = source_put(&c->src, p);
    put(p, fnv1a(buf + CHECKPOINT_HEADER, P), 8);
    *len = CHECKPOINT_HEADER + P + 8;
    return buf;
}
#line 651 "chapters/companion/11-training.nw"
int checkpoint_write(const char *path, const trainer_t *t, char *err,
                     size_t errsize)
{
    static const checkpoint_source_t none;
    checkpoint_t c = {t->cfg, t->step, t->rng,
                      net_num_params(&t->net),
                      net_params((net_t *)&t->net), t->velocity, none};
    size_t len;
    source_of(t, &c.src);
    unsigned char *buf = encode(&c, &len);
    int st = buf == NULL ? errf(err, errsize, "%s: out of memory", path)
                         : out_write(path, buf, len, err, errsize);
    free(buf);
    return st;
}
#line 673 "chapters/companion/11-training.nw"
#define CK_FAIL(off, ...) do { \
        int k_ = snprintf(err, errsize, "%s: byte %ld: ", path, \
                          (long)(off)); \
        if (k_ >= 0 && (size_t)k_ < errsize) \
            snprintf(err + k_, errsize - k_, __VA_ARGS__); \
        goto fail; } while (0)

#line 807 "chapters/companion/11-training.nw"
enum { CHECKPOINT_MAX_BYTES = 1 << 30,
       CHECKPOINT_MAX_ITER = 1000000000 };
#line 684 "chapters/companion/11-training.nw"
int checkpoint_read(const char *path, checkpoint_t *c, char *err,
                    size_t errsize)
{
    size_t len = 0;
    unsigned char *buf = (unsigned char *)in_read(path,
        CHECKPOINT_MAX_BYTES, "a checkpoint", 0, &len, err, errsize);
    unsigned char *p;
    char msg[256];
    memset(c, 0, sizeof *c);
    c->cfg.scenes = scene_config_default();  /* what is not stored */
    if (!buf) return -1;
    
#line 714 "chapters/companion/11-training.nw"
if (len < CHECKPOINT_HEADER || memcmp(buf, CHECKPOINT_MAGIC, 8))
    CK_FAIL(0, "not a checkpoint (no magic \"%s\")", CHECKPOINT_MAGIC);
if (get(buf + 8, 4) != CHECKPOINT_VERSION)
    CK_FAIL(8, "version %lu, but this program reads version %d",
            (unsigned long)get(buf + 8, 4), CHECKPOINT_VERSION);
uint64_t P = get(buf + 16, 8);
if (P > len || len - CHECKPOINT_HEADER - 8 != P)
    CK_FAIL(len < CHECKPOINT_HEADER + 8 + P ? len : 16,
            "payload of %lu bytes, but the file has %lu in all: "
            "truncated or padded", (unsigned long)P,
            (unsigned long)len);
if (P < payload_size(0))
    CK_FAIL(16, "payload of %lu bytes is too short",
            (unsigned long)P);
if (fnv1a(buf + CHECKPOINT_HEADER, P)
    != get(buf + CHECKPOINT_HEADER + P, 8))
    CK_FAIL(CHECKPOINT_HEADER + P, "hash does not match the payload:"
            " the file is corrupted");
#line 696 "chapters/companion/11-training.nw"
    p = buf + CHECKPOINT_HEADER;
    for (int i = 0; i < NFIELDS; i++) {
        field_set(c, &fields[i], get(p, field_bytes(fields[i].kind)));
        p += field_bytes(fields[i].kind);
    }
    
#line 741 "chapters/companion/11-training.nw"
if (train_config_check(&c->cfg, msg, sizeof msg))
    CK_FAIL(CHECKPOINT_HEADER, "configuration: %s", msg);
if (c->cfg.sgd.max_iter > CHECKPOINT_MAX_ITER)
    CK_FAIL(CHECKPOINT_HEADER, "configuration: a run of %ld"
            " iterations; at most %d", c->cfg.sgd.max_iter,
            CHECKPOINT_MAX_ITER);
if (c->step < 0 || c->step > c->cfg.sgd.max_iter)
    CK_FAIL(field_offset(NFIELDS - 6), "step %ld is outside the run"
            " of %ld", c->step, c->cfg.sgd.max_iter);
if (c->count > P / 8 || P < payload_size(c->count))
    CK_FAIL(field_offset(NFIELDS - 1), "%lu parameters, but the"
            " payload has room for %lu", (unsigned long)c->count,
            (unsigned long)((P - payload_size(0)) / 8));
net_t net;
if (net_create(&net, &c->cfg.net, 1) != 0)
    CK_FAIL(CHECKPOINT_HEADER, "configuration: a network too large"
            " to build");
size_t need = net_num_params(&net);
net_free(&net);
if (c->count != need)
    CK_FAIL(field_offset(NFIELDS - 1), "%lu parameters, but the"
            " network needs %lu", (unsigned long)c->count,
            (unsigned long)need);
#line 702 "chapters/companion/11-training.nw"
    
#line 777 "chapters/companion/11-training.nw"
c->params = malloc(c->count * sizeof(float));
c->velocity = malloc(c->count * sizeof(float));
if (!c->params || !c->velocity)
    CK_FAIL(field_offset(NFIELDS), "out of memory");
for (int w = 0; w < 2; w++)
    for (size_t i = 0; i < c->count; i++, p += 4) {
        uint32_t u = (uint32_t)get(p, 4);
        float *x = w ? &c->velocity[i] : &c->params[i];
        memcpy(x, &u, 4);
        if (!isfinite(*x))
            CK_FAIL(p - buf, "%s %lu is %s: a network that cannot"
                    " compute", w ? "velocity" : "parameter",
                    (unsigned long)i, isnan(*x) ? "NaN" : "infinite");
    }
#line 703 "chapters/companion/11-training.nw"
    
#line 925 "chapters/companion/11-training.nw"
const char *why = source_get(&c->src, p, buf + CHECKPOINT_HEADER + P);
if (why)
    CK_FAIL(p - buf, "%s", why);
if (c->cfg.net.num_classes
    != (c->src.ncategories ? c->src.ncategories : SCENE_CLASSES))
    CK_FAIL(p - buf, "%d category names for a network of %d classes",
            c->src.ncategories, c->cfg.net.num_classes);
#line 704 "chapters/companion/11-training.nw"
    free(buf);
    return 0;
fail:
    free(buf);
    checkpoint_free(c);
    return -1;
}
#line 477 "chapters/11-training.nw"
int checkpoint_resume(trainer_t *t, const checkpoint_t *c,
                      int threads)
{
    if (trainer_create(t, &c->cfg, threads) != TRAIN_OK)
        return -1;
    if (net_num_params(&t->net) != c->count) {
        trainer_free(t);
        return -1;
    }
    memcpy(net_params(&t->net), c->params, c->count * sizeof(float));
    memcpy(t->velocity, c->velocity, c->count * sizeof(float));
    t->rng = c->rng;
    t->step = c->step;
    return 0;
}

#line 951 "chapters/companion/11-training.nw"
int checkpoint_net(net_t *net, const checkpoint_t *c, int max_batch)
{
    if (net_create(net, &c->cfg.net, max_batch) != 0)
        return -1;
    if (net_num_params(net) != c->count) {
        net_free(net);
        return -1;
    }
    memcpy(net_params(net), c->params, c->count * sizeof(float));
    return 0;
}

void checkpoint_free(checkpoint_t *c)
{
    free(c->params);
    free(c->velocity);
    c->params = c->velocity = NULL;
}
#line 977 "chapters/companion/11-training.nw"
int checkpoint_evaluate(checkpoint_run_t *r, const checkpoint_t *c,
                        int threads, int count, eval_t *e, char *err,
                        size_t errsize)
{
    memset(r, 0, sizeof *r);
    memset(e, 0, sizeof *e);
    if (checkpoint_net(&r->net, c, 16)
        || layer_ctx_init(&r->ctx, net_scratch_size(&r->net))
        || layer_ctx_set_threads(&r->ctx, threads)
        || train_val_open(&r->val, &c->cfg.scenes, SCENE_SEED,
                          SCENE_VAL, count)
        || train_detect(&r->ctx, &r->net, &c->cfg.anchors, &r->val,
                        &r->dets))
        return errf(err, errsize, "out of memory");
    return eval_run(&r->val.gt, r->dets.items, r->dets.count, e, err,
                    errsize);
}

void checkpoint_run_free(checkpoint_run_t *r)
{
    detection_list_free(&r->dets);
    train_val_free(&r->val);
    layer_ctx_free(&r->ctx);
    net_free(&r->net);
}
#line 841 "chapters/companion/11-training.nw"
static size_t source_size(const checkpoint_source_t *s)
{
    size_t n = 16 + strlen(s->path);
    for (int k = 0; k < s->ncategories; k++)
        n += 4 + strlen(s->names[k]);
    return n;
}

static unsigned char *put_text(unsigned char *p, const char *text)
{
    size_t m = strlen(text);
    put(p, m, 4);
    memcpy(p + 4, text, m);
    return p + 4 + m;
}

static unsigned char *source_put(const checkpoint_source_t *s,
                                 unsigned char *p)
{
    put(p, s->hash, 8);
    p = put_text(p + 8, s->path);
    put(p, (uint64_t)s->ncategories, 4);
    p += 4;
    for (int k = 0; k < s->ncategories; k++)
        p = put_text(p, s->names[k]);
    return p;
}
#line 873 "chapters/companion/11-training.nw"
static void source_of(const trainer_t *t, checkpoint_source_t *s)
{
    const train_val_t *d = t->data;
    memset(s, 0, sizeof *s);
    if (d == NULL) return;
    snprintf(s->path, sizeof s->path, "%s", d->path ? d->path : "");
    s->hash = d->hash;
    s->ncategories = d->gt.ncategories;
    for (int k = 0; k < s->ncategories; k++)
        snprintf(s->names[k], sizeof s->names[k], "%s",
                 d->gt.categories[k].name);
}
#line 890 "chapters/companion/11-training.nw"
static const unsigned char *get_text(const unsigned char *p,
                                     const unsigned char *end,
                                     char *text, size_t size)
{
    if (end - p < 4) return NULL;
    uint64_t m = get(p, 4);
    if (m >= size || (uint64_t)(end - p - 4) < m
        || memchr(p + 4, 0, (size_t)m))
        return NULL;
    memcpy(text, p + 4, (size_t)m);
    text[m] = '\0';
    return p + 4 + m;
}

static const char *source_get(checkpoint_source_t *s,
                              const unsigned char *p,
                              const unsigned char *end)
{
    if (end - p < 8) return "no data source";
    s->hash = get(p, 8);
    if (!(p = get_text(p + 8, end, s->path, sizeof s->path)))
        return "a path that does not fit";
    if (end - p < 4 || get(p, 4) > COCO_MAX_CATEGORIES)
        return "a number of categories out of range";
    s->ncategories = (int)get(p, 4);
    p += 4;
    for (int k = 0; k < s->ncategories; k++)
        if (!(p = get_text(p, end, s->names[k], sizeof s->names[k]))
            || !s->names[k][0])
            return "a category name that does not fit";
    return p == end ? NULL : "bytes after the data source";
}
#line 935 "chapters/companion/11-training.nw"
int checkpoint_names(const checkpoint_t *c,
                     const char *names[COCO_MAX_CATEGORIES])
{
    int n = c->src.ncategories;
    for (int k = 0; k < (n ? n : SCENE_CLASSES); k++)
        names[k] = n ? c->src.names[k] : scene_class_name(k);
    return n ? n : SCENE_CLASSES;
}

uint64_t checkpoint_hash(const void *p, size_t n)
{
    return fnv1a(p, n);
}

#line 2602 "chapters/companion/11-training.nw"
/* test-train.c: checkpoints, exact resumption, thread counts,
   learning, and NaN detection. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "checkpoint.h"

static char dir[] = "/tmp/test-train-XXXXXX", path[256],
            err[DATA_ERR_SIZE];

#line 2646 "chapters/companion/11-training.nw"
static train_config_t tiny(long iters)
{
    train_config_t c = train_config_default();
    net_config_t n = {.in_channels = 3, .height = 128, .width = 128,
        .stem_width = 4, .widths = {4, 6, 8, 8}, .blocks = {1, 1, 1, 1},
        .fpn_width = 8, .head_width = 8, .head_depth = 1,
        .num_classes = 3, .num_anchors = 9};
    c.net = n;
    c.batch = 2;
    c.sgd.lr = 0.05;
    c.clip = 1;
    train_config_schedule(&c, iters);
    return c;
}

static int steps(trainer_t *t, long k, double *loss)
{
    train_stats_t st;
    for (long i = 0; i < k; i++) {
        if (train_step(t, &st) != TRAIN_OK) return -1;
        if (loss) loss[i] = st.loss.cls + st.loss.box;
    }
    return 0;
}

static int same_state(trainer_t *a, trainer_t *b)
{
    size_t n = net_num_params(&a->net);
    return a->step == b->step && n == net_num_params(&b->net)
           && !memcmp(net_params(&a->net), net_params(&b->net),
                      n * sizeof(float))
           && !memcmp(a->velocity, b->velocity, n * sizeof(float));
}
#line 2721 "chapters/companion/11-training.nw"
static unsigned char *slurp(const char *p, long *n)
{
    FILE *f = fopen(p, "rb");
    unsigned char *b = NULL;
    if (f && !fseek(f, 0, SEEK_END) && (*n = ftell(f)) > 0
        && !fseek(f, 0, SEEK_SET) && (b = malloc(*n))
        && fread(b, 1, *n, f) != (size_t)*n) {
        free(b);
        b = NULL;
    }
    if (f) fclose(f);
    return b;
}

static void spill(const char *p, const unsigned char *b, long n)
{
    FILE *f = fopen(p, "wb");
    if (f) { fwrite(b, 1, n, f); fclose(f); }
}

/* Rewrite the FNV-1a hash in the last 8 bytes of a checkpoint's N
   bytes B after a test has changed its payload (bytes 24..N-9). */
static void rehash(unsigned char *b, long n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (long j = 24; j < n - 8; j++)
        h = (h ^ b[j]) * 0x100000001b3u;
    for (int j = 0; j < 8; j++)
        b[n - 8 + j] = (unsigned char)(h >> (8 * j));
}
#line 2686 "chapters/companion/11-training.nw"
static void check_config(check_t *c)
{
    train_config_t d = train_config_default(), k = tiny(900);
    char msg[128];
    check_true(c, !train_config_check(&d, msg, sizeof msg)
               && !train_config_check(&k, msg, sizeof msg),
               "default and tiny configurations are valid");
    check_true(c, k.sgd.num_steps == 2 && k.sgd.steps[0] == 600
               && k.sgd.steps[1] == 800 && k.sgd.warmup_iters == 90,
               "900 steps: decays at 600 and 800, 90 warm-up steps");
    train_config_schedule(&k, 9000);
    check_true(c, k.sgd.warmup_iters == 100, "warm-up capped at 100");
    train_config_schedule(&k, 1);
    check_true(c, k.sgd.num_steps == 0 && !train_config_check(&k, msg,
               sizeof msg), "a one-step run is valid, with no decay");
    k.net.num_classes = ANCHOR_MAX_CLASSES + 1;
    check_true(c, train_config_check(&k, msg, sizeof msg) != NULL,
               "a network of 101 classes is refused: %s", msg);
    k.net.num_classes = 0;
    check_true(c, train_config_check(&k, msg, sizeof msg) != NULL,
               "a network of 0 classes is refused: %s", msg);
    int flips = 0;
    for (long i = 0; i < 10000; i++) flips += train_flip(SCENE_SEED, i);
    check_near(c, flips, 5000, 200, "half the stream is mirrored");
}
#line 2754 "chapters/companion/11-training.nw"
static void check_checkpoints(check_t *c)
{
    train_config_t k = tiny(8);
    trainer_t a, b;
    checkpoint_t ck;
    char copy[300];
    long n, m;
    snprintf(copy, sizeof copy, "%s.copy", path);
    if (!check_true(c, trainer_create(&a, &k, 1) == 0 && !steps(&a, 3,
                    NULL)
                    && !checkpoint_write(path, &a, err, sizeof err)
                    && !checkpoint_read(path, &ck, err, sizeof err),
                    "train 3 steps, write, read: %s", err))
        return;
    check_true(c, ck.step == 3 && !checkpoint_resume(&b, &ck, 1)
               && same_state(&a, &b)
               && !memcmp(&a.rng, &b.rng, sizeof a.rng),
               "the state read back equals the state written");
    checkpoint_write(copy, &b, err, sizeof err);
    unsigned char *x = slurp(path, &n), *y = slurp(copy, &m);
    check_true(c, x && y && n == m && !memcmp(x, y, n),
               "writing it again gives the same bytes");
    
#line 2841 "chapters/companion/11-training.nw"
static const struct {
    long at; int value; long cut; int rehash; const char *want;
} dmg[] = {
    {0, 'X', 0, 0, "byte 0: not a checkpoint"},
    {8, 1, 0, 0, "byte 8: version 4, but this program reads"
     " version 5"},
    {0, -1, 100, 0, "truncated"},
    {0, -1, 5, 0, "byte 0: not a checkpoint"},
    {-40, 0x55, 0, 0, "hash does not match"},
    {24 + 15 * 4, 0x80, 0, 1, "byte 24: configuration"},
};
for (size_t i = 0; x && i < sizeof dmg / sizeof dmg[0]; i++) {
    long len = dmg[i].cut ? (dmg[i].cut < 24 ? dmg[i].cut
                                             : n - dmg[i].cut) : n;
    memcpy(y, x, n);
    if (dmg[i].value >= 0)
        y[dmg[i].at < 0 ? n + dmg[i].at : dmg[i].at]
            ^= (unsigned char)dmg[i].value;
    if (dmg[i].rehash) rehash(y, n);
    spill(copy, y, len);
    checkpoint_t bad;
    err[0] = 0;
    check_true(c, checkpoint_read(copy, &bad, err, sizeof err) != 0
               && strstr(err, copy) && strstr(err, dmg[i].want),
               "damage %zu refused with \"%s\": %s", i, dmg[i].want,
               err);
}
#line 2777 "chapters/companion/11-training.nw"
    free(x); free(y);
    checkpoint_free(&ck);
    trainer_free(&a); trainer_free(&b);
    remove(copy);
}
#line 2792 "chapters/companion/11-training.nw"
static void check_checkpoint_anchors(check_t *c)
{
    train_config_t k = tiny(4);
    trainer_t a;
    checkpoint_t ck;
    k.anchors = (anchor_config_t){4, 2, 1, {0, 0.5}, {1}, 0.6, 0.3};
    k.net.num_anchors = 2;
    if (!check_true(c, trainer_create(&a, &k, 1) == 0
                    && !steps(&a, 1, NULL)
                    && !checkpoint_write(path, &a, err, sizeof err)
                    && !checkpoint_read(path, &ck, err, sizeof err),
                    "a run of 2 anchor shapes: train, write, read: %s",
                    err))
        return;
    check_true(c, !memcmp(&ck.cfg.anchors, &k.anchors, sizeof k.anchors)
               && ck.cfg.net.num_anchors == 2
               && a.grid.num_anchors == 2 && a.grid.count == 336 * 2
               && a.grid.box[0].x2 - a.grid.box[0].x1 == 32,
               "its anchor configuration read back, its grid 32 px");
    checkpoint_free(&ck);
    trainer_free(&a);
    
#line 2818 "chapters/companion/11-training.nw"
long n, hits = 0;
unsigned char *x = slurp(path, &n);
double from = 0.3, to = 0.7;
for (long i = 24; x && i + 8 <= n - 8 && i < 2000; i++)
    if (!memcmp(x + i, &from, 8)) {
        memcpy(x + i, &to, 8);
        hits++;
    }
if (x) {
    rehash(x, n);
    spill(path, x, n);
}
err[0] = 0;
check_true(c, hits == 1 && checkpoint_read(path, &ck, err, sizeof err)
           && strstr(err, "configuration: anchor thresholds"),
           "a background threshold above the foreground one is"
           " refused: %s", err);
free(x);
#line 2814 "chapters/companion/11-training.nw"
}
#line 2875 "chapters/companion/11-training.nw"
static void check_reproducible(check_t *c)
{
    train_config_t k = tiny(6);
    trainer_t a, b, r, two;
    checkpoint_t ck;
    int ok = !trainer_create(&a, &k, 1) && !steps(&a, 6, NULL)
        && !trainer_create(&b, &k, 1) && !steps(&b, 3, NULL)
        && !checkpoint_write(path, &b, err, sizeof err)
        && !checkpoint_read(path, &ck, err, sizeof err)
        && !checkpoint_resume(&r, &ck, 1) && !steps(&r, 3, NULL);
    check_true(c, ok && same_state(&a, &r), "6 steps = 3 steps,"
               " checkpoint, resume, 3 steps (bit for bit)");
    ok = ok && !trainer_create(&two, &k, 2) && !steps(&two, 6, NULL);
    check_true(c, ok && same_state(&a, &two),
               "1 thread and 2 threads give the same bits");
    check_true(c, ok && a.step == 6 && memcmp(net_params(&a.net),
               net_params(&b.net), 4 * net_num_params(&a.net)),
               "and the parameters did change after step 3");
    checkpoint_free(&ck);
    trainer_free(&a); trainer_free(&b); trainer_free(&r);
    trainer_free(&two);
}
#line 2908 "chapters/companion/11-training.nw"
static void check_learning(check_t *c)
{
    train_config_t k = tiny(60);
    trainer_t t;
    double loss[60], first = 0, last = 0;
    if (!check_true(c, !trainer_create(&t, &k, 1)
                    && !steps(&t, 60, loss), "60 steps of training"))
        return;
    for (int i = 0; i < 10; i++) {
        first += loss[i] / 10;
        last += loss[50 + i] / 10;
    }
    check_true(c, last < 0.8 * first, "the loss falls by 20%%: mean"
               " %.4f over steps 1-10, %.4f over 51-60", first, last);
    trainer_free(&t);
}
#line 3010 "chapters/companion/11-training.nw"
static void check_nan(check_t *c)
{
    train_config_t k = tiny(20);
    trainer_t t;
    train_stats_t st;
    checkpoint_t ck;
    int rc = -1, i;
    if (trainer_create(&t, &k, 1) || steps(&t, 2, NULL)
        || checkpoint_write(path, &t, err, sizeof err))
        return;
    t.net.conv[t.net.cls_last].conv.b[0] = NAN;
    check_true(c, train_step(&t, &st) == TRAIN_NONFINITE
               && strstr(st.bad, "class loss") && st.iter == 3
               && t.step == 2, "a NaN weight: iteration 3, %s", st.bad);
    trainer_free(&t);
    checkpoint_read(path, &ck, err, sizeof err);
    checkpoint_resume(&t, &ck, 1);
    t.cfg.sgd.lr = 1e30;
    for (i = 0; i < 5 && (rc = train_step(&t, &st)) == TRAIN_OK; i++)
        ;
    check_true(c, rc == TRAIN_NONFINITE, "learning rate 1e30: caught at"
               " iteration %ld: %s", st.iter, st.bad);
    
#line 2932 "chapters/companion/11-training.nw"
char other[300];
checkpoint_t no;
snprintf(other, sizeof other, "%s.bad", path);
err[0] = 0;
net_params(&t.net)[7] = NAN;
check_true(c, !checkpoint_write(other, &t, err, sizeof err)
           && checkpoint_read(other, &no, err, sizeof err) != 0
           && strstr(err, "parameter 7 is NaN") != NULL,
           "non-finite weights refused on load: %s", err);
t.cfg.sgd.max_iter = 2000000000;
err[0] = 0;
check_true(c, !checkpoint_write(other, &t, err, sizeof err)
           && checkpoint_read(other, &no, err, sizeof err) != 0
           && strstr(err, "a run of 2000000000 iterations"),
           "an endless schedule refused on load: %s", err);
remove(other);
#line 3033 "chapters/companion/11-training.nw"
    checkpoint_free(&ck);
    check_true(c, !checkpoint_read(path, &ck, err, sizeof err)
               && ck.step == 2, "the last checkpoint still reads");
    checkpoint_free(&ck);
    trainer_free(&t);
}
#line 2953 "chapters/companion/11-training.nw"
static void check_log(check_t *c)
{
    char log[300];
    train_log_row_t r[4];
    snprintf(log, sizeof log, "%s/log.csv", dir);
    FILE *f = fopen(log, "w");
    if (f == NULL)
        return;
    fputs("iter,lr,cls,box,num_fg,images_per_s,seconds,grad_norm,"
          "val_ap,val_ap50,val_ap75\n"
          "10,0.01,0.5,0.25,3,100.5,1.5,2,,,\n"
          "20,0.02,0.4\n"
          "30,0.03,0.3,0.125,4,101,3.25,1,0.5,0.75,0.625\n", f);
    fclose(f);
    int n = train_log_read(log, r, 4);
    check_true(c, n == 2 && r[0].iter == 10 && r[0].cls == 0.5
               && r[0].box == 0.25 && r[0].ips == 100.5
               && r[0].seconds == 1.5 && !r[0].val,
               "the log's first row, without validation");
    check_true(c, n == 2 && r[1].iter == 30 && r[1].seconds == 3.25
               && r[1].val && r[1].ap[0] == 0.5 && r[1].ap[1] == 0.75
               && r[1].ap[2] == 0.625,
               "a cut line skipped; the row with validation");
    check_true(c, train_log_read(log, r, 1) == 1
                  && train_log_read("/nonexistent/log.csv", r, 4) == 0,
               "at most max rows; 0 for a missing log");
    train_log_row_t *all = NULL;
    int m = -1;
    err[0] = 0;
    check_true(c, train_log_load(log, &all, &m, err, sizeof err) != 0
               && all == NULL && m == 0 && strstr(err, "log.csv:3: not"
               " a row"), "the strict reader names the cut line: %s",
               err);
    f = fopen(log, "a");
    if (f) {
        fputs("40,0.03,0.3,0.125,4,101,3.25,1,,,\n", f);
        fclose(f);
    }
    check_true(c, train_log_read(log, r, 4) == 3, "a fourth row");
    f = fopen(log, "w");
    if (f) {
        fputs("iter,lr\n10,0.01,0.5,0.25,3,100.5,1.5,2,,,\n", f);
        for (int i = 0; i < 300; i++)
            fprintf(f, "%d,0.01,0.5,0.25,3,100.5,1.5,2,,,\n", 20 + i);
        fputs("400,0.01,0.5,0.25,3,100.5,1.5,2,0.5,0.75,0.625\n", f);
        fclose(f);
    }
    check_true(c, !train_log_load(log, &all, &m, err, sizeof err)
               && m == 302 && all[301].iter == 400 && all[301].val
               && all[300].iter == 319 && !all[300].val,
               "the strict reader keeps all 302 rows: %d", m);
    free(all);
    remove(log);
}
#line 3253 "chapters/companion/11-training.nw"
static void check_own_stream(check_t *c)
{
    int pick[15], seen[3][5] = {{0}}, perm = 1, same = 1;
    for (long s = 0; s < 5; s++)
        train_own_picks(5, SCENE_SEED, s, 3, pick + 3 * s);
    for (int i = 0; i < 15; i++)
        perm &= pick[i] >= 0 && pick[i] < 5
                && seen[i / 5][pick[i]]++ == 0;
    for (int i = 0; i < 5; i++)
        same &= pick[i] == pick[5 + i] && pick[i] == pick[10 + i];
    check_true(c, perm && !same, "a data set's stream: each image once"
               " an epoch, in an order that changes");
}
#line 3269 "chapters/companion/11-training.nw"
static int same_targets(const anchor_targets_t *a,
                        const anchor_targets_t *b)
{
    return !memcmp(a->label, b->label, (size_t)a->count)
           && !memcmp(a->delta, b->delta,
                      (size_t)a->count * sizeof *a->delta);
}

static void check_own(check_t *c)
{
    size_t npix = (size_t)SCENE_CHANNELS * SCENE_SIZE * SCENE_SIZE;
    object_t box = {0, 1, 1, 2, 0};
    object_t want[2] = {{0, 32, 32, 64, 0}, {32, 32, 64, 64, 0}};
    train_val_t v = {0};
    anchor_grid_t g;
    anchor_targets_t t, u;
    float *x = malloc(npix * sizeof *x);
    check_own_stream(c);
    coco_init(&v.gt, "");
    v.images = malloc(npix * sizeof *v.images);
    v.fit = malloc(sizeof *v.fit);
    if (!x || !v.images || !v.fit
        || coco_add_category(&v.gt, 1, "a")
        || coco_add_image(&v.gt, "a.png", 2, 4, &box, 1)
        || anchor_grid_create(&g, NULL, SCENE_SIZE, SCENE_SIZE)
        || anchor_targets_alloc(&t, g.count)
        || anchor_targets_alloc(&u, g.count)) {
        check_true(c, 0, "own data: out of memory");
        return;
    }
    v.count = 1;
    v.fit[0][0] = 64;
    v.fit[0][1] = 128;
    for (size_t i = 0; i < npix; i++)
        v.images[i] = i % SCENE_SIZE < 64
                      ? (float)(i % SCENE_SIZE) / 128 : 0.5f;
    
#line 3315 "chapters/companion/11-training.nw"
for (int flip = 0; flip < 2; flip++) {
    int ok = !train_own_example(&v, 0, flip, x, &g, &t)
             && !anchor_assign(NULL, g.box, g.count, &want[flip], 1,
                              &u)
             && t.num_fg > 0 && same_targets(&t, &u);
    for (int y = 0; y < SCENE_SIZE; y++)
        for (int a = 0; a < SCENE_SIZE; a++) {
            int from = flip ? 63 - a : a;
            float e = a < 64 ? ((float)from / 128 - 0.5f) * 4.0f : 0;
            ok &= x[y * SCENE_SIZE + a] == e;
        }
    check_true(c, ok, "a 2 x 4 image, %s: box [%g, %g, %g, %g], rows"
               " %s, band grey", flip ? "mirrored" : "as is",
               want[flip].x1, want[flip].y1, want[flip].x2,
               want[flip].y2, flip ? "reversed" : "kept");
}
#line 3306 "chapters/companion/11-training.nw"
    free(x);
    anchor_targets_free(&t);
    anchor_targets_free(&u);
    anchor_grid_free(&g);
    train_val_free(&v);
}

#line 2624 "chapters/companion/11-training.nw"
int main(void)
{
    check_t c = {"train", 0, 0};
    if (mkdtemp(dir) == NULL) return 1;
    snprintf(path, sizeof path, "%s/model.ckpt", dir);
    check_config(&c);
    check_checkpoints(&c);
    check_checkpoint_anchors(&c);
    check_reproducible(&c);
    check_learning(&c);
    check_nan(&c);
    check_log(&c);
    check_own(&c);
    remove(path);
    rmdir(dir);
    return check_finish(&c);
}

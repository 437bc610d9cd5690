#line 2206 "chapters/91-faults.nw"
/* make-corpus.c: write the fuzz targets' seeds into DIR/TARGET/. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <stb/stb_image_write.h>
#include "checkpoint.h"

static char dir[1024];
#line 2236 "chapters/91-faults.nw"
static const char *seed(const char *target, const char *name)
{
    static char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, target);
    mkdir(dir, 0777);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/%s/%s", dir, target, name);
    return path;
}

static int text(const char *target, const char *name, const char *s)
{
    FILE *f = fopen(seed(target, name), "w");
    int bad = f == NULL || fputs(s, f) < 0;
    if (f) bad |= fclose(f) != 0;
    return bad;
}
#line 2256 "chapters/91-faults.nw"
static int images(void)
{
    enum { W = 24, H = 16 };
    unsigned char rgba[W * H * 4], grey[W * H];
    image_t rgb = {W, H, NULL};
    char err[DATA_ERR_SIZE];
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            unsigned char *p = rgba + 4 * (y * W + x);
            int in = x > 5 && x < 17 && y > 3 && y < 12;
            p[0] = (unsigned char)(10 * x);
            p[1] = (unsigned char)(15 * y);
            p[2] = in ? 220 : 40;
            p[3] = in ? 255 : 128;
            grey[y * W + x] = p[in ? 2 : 0];
        }
    if (image_alloc(&rgb, W, H)) return -1;
    for (int i = 0; i < W * H; i++)
        memcpy(rgb.rgb + 3 * i, rgba + 4 * i, 3);
    int bad = image_write_png(seed("image", "rgb.png"), &rgb, err,
                              sizeof err)
        || !stbi_write_png(seed("image", "grey.png"), W, H, 1, grey, W)
        || !stbi_write_png(seed("image", "rgba.png"), W, H, 4, rgba,
                           4 * W)
        || !stbi_write_jpg(seed("image", "photo.jpg"), W, H, 3, rgb.rgb,
                           90)
        || !stbi_write_jpg(seed("image", "grey.jpg"), W, H, 1, grey,
                           75);
    image_free(&rgb);
    return bad ? -1 : 0;
}
#line 2290 "chapters/91-faults.nw"
static int coco(void)
{
    object_t o[3] = {{2, 3, 10, 12, 0}, {12, 1, 23, 9, 2},
                     {0, 0, 24, 16, 1}};
    detection_t d[3] = {{1, 0, 0.9f, 2, 3, 10, 12},
                        {1, 2, 0.5f, 11, 1, 22, 10},
                        {2, 1, 0.25f, 1, 1, 20, 15}};
    coco_t c;
    char err[DATA_ERR_SIZE];
    coco_init(&c, ".");
    int bad = coco_add_category(&c, 1, "rectangle")
        || coco_add_category(&c, 2, "ellipse")
        || coco_add_category(&c, 3, "triangle")
        || coco_add_image(&c, "a.png", 24, 16, o, 2)
        || coco_add_image(&c, "b.jpg", 24, 16, o + 2, 1)
        || coco_write(&c, seed("coco", "instances.json"), err,
                      sizeof err)
        || eval_write_results(seed("coco", "results.json"), &c, d, 3,
                              err, sizeof err);
    coco_free(&c);
    return bad;
}
#line 2319 "chapters/91-faults.nw"
static int checkpoint(void)
{
    train_config_t c = train_config_default();
    net_config_t n = {.in_channels = 3, .height = 128, .width = 128,
        .stem_width = 1, .widths = {1, 1, 1, 2}, .blocks = {0, 0, 0, 1},
        .fpn_width = 1, .head_width = 1, .head_depth = 0,
        .num_classes = 3, .num_anchors = 9, .norm_groups = 1};
    trainer_t t;
    train_stats_t st;
    char err[DATA_ERR_SIZE];
    c.net = n;
    c.batch = 1;
    train_config_schedule(&c, 4);
    if (trainer_create(&t, &c, 1) != TRAIN_OK) return -1;
    int bad = train_step(&t, &st) != TRAIN_OK
        || checkpoint_write(seed("checkpoint", "tiny.ckpt"), &t, err,
                            sizeof err);
    trainer_free(&t);
    return bad;
}
#line 2342 "chapters/91-faults.nw"
static int loss(void)
{
    return text("loss", "focal.txt",
                "--gamma 2 --alpha 0.25\n0 1\n-2.5 0\n# note\n\n7 1\n")
        || text("loss", "star.txt",
                "--loss star --gamma 2 --beta 1\n1e-3 0\n-30 1\n")
        || text("loss", "ce.txt", "--loss ce --alpha none\n3 1\n")
        || text("loss", "curve.txt", "--curve --points 5 --target 0\n");
}
#line 2357 "chapters/91-faults.nw"
static int cli(void)
{
    static const char *const line[][2] = {
        {"loss", "loss\n--gamma\n2\n--alpha\n0.25\n--loss\nfocal"},
        {"curve", "loss\n--curve\n--points\n5\n--target\n0"},
        {"data", "data\n--out\nsub/set\n--split\nval\n--count\n3"},
        {"check", "data\n--check\nin.json\n--images\nsub"},
        {"eval", "eval\n--gt\nin.json\n--dt\nin.json\n--pr-out\n"
                 "pr.dat\n--sizes\n--analyze"},
        {"train", "train\n--iters\n20\n--batch\n2\n--out\nm.ckpt\n"
                  "--log\nsub/log.csv\n--alpha\nnone\n--threads\n1"},
        {"resume", "train\n--resume\nin.json\n--until\n5\n--out\n"
                   "m.ckpt"},
        {"detect", "detect\n--model\nin.json\n--split\nval\n--count\n"
                   "2\n--out\ndt.json\n--draw\nsub/drawn"},
        {"bench", "bench\n--threads\n1\n--reps\n2\n--quick\n--case\n"
                  "gemm256"},
        {"report", "report\n--model\nin.json\n--log\nin.json\n--out\n"
                   "sub/rep\n--val\n10"},
        {"pool", "pool\n--out\nsub/pool\nin.json"},
        {"plot", "plot\nin.json\n--out\nsub/p.png\n--x\niter\n--y\n"
                 "cls,box\n--log-y"}};
    int bad = 0;
    for (size_t i = 0; i < sizeof line / sizeof line[0]; i++)
        bad |= text("cli", line[i][0], line[i][1]);
    return bad;
}

#line 2222 "chapters/91-faults.nw"
int main(int argc, char **argv)
{
    if (argc != 2 || snprintf(dir, sizeof dir, "%s", argv[1])
                     >= (int)sizeof dir) {
        fprintf(stderr, "usage: make-corpus DIR\n");
        return 2;
    }
    int bad = images() || coco() || checkpoint() || loss() || cli();
    if (bad) fprintf(stderr, "make-corpus: cannot write the seeds\n");
    return bad;
}

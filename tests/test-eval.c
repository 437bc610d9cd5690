#line 1121 "chapters/companion/10-evaluation.nw"
/* test-eval.c: COCO AP on cases worked out by hand. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "eval.h"

#define A 0, 0, 10, 10
#define B 20, 20, 30, 30
#define F 50, 50, 60, 60
enum { MAXB = 6 };
typedef struct { long image; int cls; float s, x1, y1, x2, y2; } box_t;
typedef struct {
    const char *name;
    box_t gt[MAXB], dt[MAXB];     /* lists end at image 0 */
    double ap, ap50, ap75;
} case_t;

#line 1162 "chapters/companion/10-evaluation.nw"
static const double T = 2.0 / 3, D = 253.0 / 303;
static const case_t cases[] = {
    {"perfect", {{1, 0, 0, A}, {1, 0, 0, B}, {2, 0, 0, A}},
     {{1, 0, .9f, A}, {1, 0, .8f, B}, {2, 0, .7f, A}}, 1, 1, 1},
    {"nothing", {{1, 0, 0, A}}, {{0}}, 0, 0, 0},
    {"IoU 0.72", {{1, 0, 0, A}}, {{1, 0, .9f, 0, 0, 10, 7.2f}},
     .5, 1, 0},
    {"FP first", {{1, 0, 0, A}, {1, 0, 0, B}},
     {{1, 0, .9f, F}, {1, 0, .8f, A}, {1, 0, .7f, B}}, T, T, T},
    {"duplicate", {{1, 0, 0, A}, {1, 0, 0, B}},
     {{1, 0, .9f, A}, {1, 0, .8f, A}, {1, 0, .7f, B}}, D, D, D},
    {"tie, FP in front", {{1, 0, 0, A}, {1, 0, 0, B}},
     {{1, 0, .8f, F}, {1, 0, .8f, A}, {1, 0, .7f, B}}, T, T, T},
    {"tie, TP in front", {{1, 0, 0, A}, {1, 0, 0, B}},
     {{1, 0, .8f, A}, {1, 0, .8f, F}, {1, 0, .7f, B}}, D, D, D},
    {"tie across images", {{1, 0, 0, B}, {2, 0, 0, A}},
     {{2, 0, .8f, A}, {1, 0, .8f, F}, {1, 0, .7f, B}}, T, T, T},
    {"two classes", {{1, 0, 0, A}, {1, 1, 0, B}}, {{1, 0, .9f, A}},
     .5, .5, .5},
    {"class without GT", {{1, 0, 0, A}, {1, 1, 0, B}},
     {{1, 0, .9f, A}, {1, 2, .9f, F}}, .5, .5, .5},
};
#line 1190 "chapters/companion/10-evaluation.nw"
static void build(coco_t *gt, const box_t *g)
{
    coco_init(gt, ".");
    coco_add_category(gt, 1, "zero");
    coco_add_category(gt, 2, "one");
    coco_add_category(gt, 5, "two");
    for (long im = 1; im <= 2; im++) {
        object_t o[MAXB];
        int n = 0;
        for (int i = 0; i < MAXB && g[i].image; i++)
            if (g[i].image == im)
                o[n++] = (object_t){g[i].x1, g[i].y1, g[i].x2, g[i].y2,
                                    g[i].cls};
        coco_add_image(gt, "x.png", 64, 64, o, n);
    }
}

static void run_case(check_t *c, const case_t *k)
{
    coco_t gt;
    detection_t d[MAXB];
    int n = 0;
    eval_t e;
    char err[256];
    build(&gt, k->gt);
    for (; n < MAXB && k->dt[n].image; n++)
        d[n] = (detection_t){k->dt[n].image, k->dt[n].cls, k->dt[n].s,
            k->dt[n].x1, k->dt[n].y1, k->dt[n].x2, k->dt[n].y2};
    if (!check_true(c, eval_run(&gt, d, n, &e, err, sizeof err) == 0,
                    "%s runs", k->name)) return;
    check_near(c, e.ap[EVAL_AP], k->ap, 1e-12, "%s: AP", k->name);
    check_near(c, e.ap[EVAL_AP50], k->ap50, 1e-12, "%s: AP50", k->name);
    check_near(c, e.ap[EVAL_AP75], k->ap75, 1e-12, "%s: AP75", k->name);
    for (int j = 0; j < e.ncls; j++)
        if (e.ngt[j] == 0)
            check_true(c, e.class_ap[j][EVAL_AP] == -1,
                       "%s: class %d without GT is -1", k->name, j);
    if (strcmp(k->name, "duplicate") == 0) {
        check_true(c, e.tp[0][0] && !e.tp[0][1] && e.tp[0][2],
                   "duplicate: the second A is a false positive");
        check_true(c, e.precision[50] == 1, "duplicate: q(0.50) = 1");
        check_near(c, e.precision[51], T, 1e-15,
                   "duplicate: q(0.51) = 2/3");
    }
    eval_free(&e);
    coco_free(&gt);
}
#line 1241 "chapters/companion/10-evaluation.nw"
static void check_cut(check_t *c)
{
    static const box_t g[] = {{1, 0, 0, A}, {1, 1, 0, B}, {0}};
    coco_t gt;
    detection_t d[102];
    eval_t e;
    char err[256];
    build(&gt, g);
    for (int i = 0; i < 100; i++) d[i] = (detection_t){1, 0, .9f, F};
    d[100] = (detection_t){1, 0, .5f, A};
    d[101] = (detection_t){1, 1, .1f, B};
    if (check_true(c, eval_run(&gt, d, 102, &e, err, sizeof err) == 0,
                   "cut: runs")) {
        check_true(c, e.ndt[0] == 100, "cut: class 0 keeps 100");
        check_near(c, e.class_ap[0][EVAL_AP], 0, 0, "cut: class 0 AP");
        check_near(c, e.class_ap[1][EVAL_AP], 1, 0, "cut: class 1 AP");
        check_near(c, e.ap[EVAL_AP], .5, 1e-15, "cut: mean AP");
        eval_free(&e);
    }
    coco_free(&gt);
}
#line 1270 "chapters/companion/10-evaluation.nw"
static void check_thresholds(check_t *c)
{
    detection_t d = {1, 0, 1, 5, 0, 15, 10};
    object_t g = {A, 0};
    check_true(c, eval_iou_threshold(0) == 0.5
               && eval_iou_threshold(5) == 0.75
               && eval_iou_threshold(7) == 0.85
               && eval_iou_threshold(9) == 0.95,
               "IoU thresholds .5, .75, .85, .95 are exact");
    check_true(c, eval_recall_threshold(50) == 0.5
               && eval_recall_threshold(100) == 1,
               "recall thresholds .5 and 1 are exact");
    check_near(c, eval_iou(&g, &d), 50.0 / 150, 1e-15,
               "IoU of half-shifted boxes is 1/3");
    d.x1 = 10;                       /* touching: no overlap */
    check_near(c, eval_iou(&g, &d), 0, 0, "touching boxes: IoU 0");
}
#line 1292 "chapters/companion/10-evaluation.nw"
static const char *const bad[][2] = {
    {"{}", "not a JSON array"},
    {"[{\"image_id\":1,", "not valid JSON"},
    {"[7]", "[0]: not an object"},
    {"[{\"image_id\":3,\"category_id\":1}]", "[0]: image_id"},
    {"[{\"image_id\":1,\"category_id\":3}]", "[0]: category_id"},
    {"[{\"image_id\":1,\"category_id\":1,\"bbox\":[0,0,1]}]", "bbox"},
    {"[{\"image_id\":1,\"category_id\":1,\"bbox\":[0,0,-1,1]}]",
     "bbox[2]"},
    {"[{\"image_id\":1,\"category_id\":1,\"bbox\":[0,0,1e999,1]}]",
     "bbox[2]"},
    {"[{\"image_id\":1,\"category_id\":1,\"bbox\":[0,0,1,1],"
     "\"score\":1.5}]", "[0]: score"},
    {"[{\"image_id\":1,\"category_id\":5,\"bbox\":[0,0,1,1],"
     "\"score\":0.5},{\"image_id\":2,\"category_id\":2,\"bbox\":[0,0,1,"
     "1],\"score\":\"high\"}]", "[1]: score"},
};

static void check_files(check_t *c)
{
    static const box_t g[] = {{1, 0, 0, A}, {0}};
    const char *path = "build/test-eval-results.json";
    detection_t d[2] = {{2, 2, .25f, 1.5f, 2, 9.75f, 30},
                        {1, 0, 1.0f / 3, A}};
    detection_list_t l = {0};
    coco_t gt;
    char err[256];
    build(&gt, g);
    int st = eval_write_results(path, &gt, d, 2, err, sizeof err)
          || eval_read_results(path, &gt, &l, err, sizeof err);
    check_true(c, st == 0 && l.count == 2
               && memcmp(l.items, d, sizeof d) == 0,
               "results written and read back are equal");
    detection_list_free(&l);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FILE *f = fopen(path, "w");
        if (f) { fputs(bad[i][0], f); fclose(f); }
        st = eval_read_results(path, &gt, &l, err, sizeof err);
        check_true(c, st != 0 && strstr(err, path) && l.count == 0
                   && strstr(err, bad[i][1]),
                   "refuses %s: %s", bad[i][0], err);
    }
    remove(path);
    coco_free(&gt);
}
#line 1342 "chapters/companion/10-evaluation.nw"
#define S 0, 0, 10, 10
#define M 20, 20, 70, 70
#define L 100, 100, 200, 200
#define P 210, 0, 250, 40
#define C 50, 50, 150, 150

static int run_marked(coco_t *gt, const box_t *g, const box_t *dt,
                      eval_t *e)
{
    detection_t d[MAXB];
    char err[256];
    int n = 0, j = 0;
    build(gt, g);
    for (long im = 1; im <= 2; im++)
        for (int i = 0; i < MAXB && g[i].image; i++)
            if (g[i].image == im) gt->crowd[j++] = g[i].s == 1;
    for (; n < MAXB && dt[n].image; n++)
        d[n] = (detection_t){dt[n].image, dt[n].cls, dt[n].s,
            dt[n].x1, dt[n].y1, dt[n].x2, dt[n].y2};
    return eval_run(gt, d, n, e, err, sizeof err);
}

static void check_sizes(check_t *c)
{
    static const box_t g[] = {{1, 0, 0, S}, {1, 0, 0, M},
                              {1, 0, 0, L}, {0}};
    static const box_t d[] = {{1, 0, .9f, S}, {1, 0, .85f, P},
                              {1, 0, .8f, M}, {0}};
    const double want[EVAL_STATS] = {56.0 / 101, 56.0 / 101,
        56.0 / 101, 1, .5, 0, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1, 1, 0};
    coco_t gt;
    eval_t e;
    if (check_true(c, run_marked(&gt, g, d, &e) == 0, "sizes: runs")) {
        for (int s = 0; s < EVAL_STATS; s++)
            check_near(c, e.ap[s], want[s], 1e-12, "sizes: number %d",
                       s + 1);
        eval_free(&e);
    }
    coco_free(&gt);
    static const box_t g2[] = {{1, 0, 0, 0, 0, 32, 32}, {0}};
    static const box_t d2[] = {{1, 0, .9f, 0, 0, 32, 32}, {0}};
    if (check_true(c, run_marked(&gt, g2, d2, &e) == 0, "32^2 runs")) {
        check_true(c, e.ap[EVAL_AP_SMALL] == 1
                   && e.ap[EVAL_AP_MEDIUM] == 1
                   && e.ap[EVAL_AP_LARGE] == -1,
                   "an area of 32^2 is small and medium");
        eval_free(&e);
    }
    coco_free(&gt);
}

static void check_crowds(check_t *c)
{
    static const struct {
        const char *name;
        box_t g[3], d[4];
        double ap, ap50, ap75;
    } k[] = {
        {"crowd", {{1, 0, 1, C}, {1, 0, 0, A}},
         {{1, 0, .9f, 60, 60, 80, 80}, {1, 0, .85f, 90, 90, 140, 140},
          {1, 0, .8f, A}}, 1, 1, 1},
        {"crowd IoU", {{1, 0, 1, C}, {1, 0, 0, A}},
         {{1, 0, .9f, 130, 50, 160, 100}, {1, 0, .8f, A}}, .7, 1, .5},
        {"ignored boxes last", {{1, 0, 0, A}, {1, 0, 1, 0, 0, 12, 10}},
         {{1, 0, .9f, 0, 0, 10, 8}}, .7, 1, 1},
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        coco_t gt;
        eval_t e;
        if (check_true(c, run_marked(&gt, k[i].g, k[i].d, &e) == 0,
                       "%s runs", k[i].name)) {
            check_near(c, e.ap[EVAL_AP], k[i].ap, 1e-12, "%s: AP",
                       k[i].name);
            check_near(c, e.ap[EVAL_AP50], k[i].ap50, 1e-12,
                       "%s: AP50", k[i].name);
            check_near(c, e.ap[EVAL_AP75], k[i].ap75, 1e-12,
                       "%s: AP75", k[i].name);
            check_true(c, e.ngt[0] == 1, "%s: the crowd is no box",
                       k[i].name);
            eval_free(&e);
        }
        coco_free(&gt);
    }
}
#line 1429 "chapters/companion/10-evaluation.nw"
static void check_analysis(check_t *c)
{
    static const box_t g[] = {{1, 0, 0, A}, {1, 0, 0, B},
                              {1, 1, 0, 40, 40, 50, 50}, {0}};
    detection_t d[] = {{1, 0, .9f, A}, {1, 0, .85f, 40, 40, 50, 50},
                       {1, 0, .8f, A}, {1, 0, .7f, 20, 20, 30, 23},
                       {1, 0, .5f, F}};
    const double want[EVAL_STAGES] = {51.0 / 202, 51.0 / 202,
        38.0 / 101, 253.0 / 606, .5, .5, 1};
    const int fp[] = {4, 4, 3, 2, 1}, tp[] = {1, 1, 2, 2, 2};
    coco_t gt;
    eval_analysis_t a;
    char err[256];
    build(&gt, g);
    if (check_true(c, eval_analyze(&gt, d, 5, &a, err, sizeof err) == 0,
                   "analysis runs"))
        for (int s = 0; s < EVAL_STAGES; s++) {
            check_near(c, a.ap[s], want[s], 1e-12, "analysis: %s AP",
                       eval_stage_name(s));
            if (s <= EVAL_CLS)
                check_true(c, a.fp[s] == fp[s] && a.tp[s] == tp[s],
                           "analysis: %s has %d FP, %d TP",
                           eval_stage_name(s), a.fp[s], a.tp[s]);
        }
    coco_free(&gt);
}

#line 1146 "chapters/companion/10-evaluation.nw"
int main(void)
{
    check_t c = {"eval", 0, 0};
    check_thresholds(&c);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&c, &cases[i]);
    check_cut(&c);
    check_files(&c);
    check_sizes(&c);
    check_crowds(&c);
    check_analysis(&c);
    return check_finish(&c);
}

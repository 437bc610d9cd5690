#line 1949 "chapters/companion/11-training.nw"
/* owndata.c: a COCO data set of images of any size, to train on and
   to detect in. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checkpoint.h"
#include "cli.h"
#include "files.h"
#include "train.h"

#line 1971 "chapters/companion/11-training.nw"
int train_letterbox(const image_t *img, float *pixels, int fit[2])
{
    int w = img->w, h = img->h, side = w > h ? w : h;
    int ws = (int)lround((double)w * SCENE_SIZE / side);
    int hs = (int)lround((double)h * SCENE_SIZE / side);
    ws = ws < 1 ? 1 : ws;
    hs = hs < 1 ? 1 : hs;
    float *chw = malloc(sizeof(float) * 3 * (size_t)w * h);
    float *small = malloc(sizeof(float) * 3 * (size_t)ws * hs);
    int bad = !chw || !small;
    if (!bad) {
        image_to_chw(img, chw);
        chw_resize(chw, 3, h, w, small, hs, ws);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < SCENE_SIZE; y++)
                for (int x = 0; x < SCENE_SIZE; x++)
                    pixels[(c * SCENE_SIZE + y) * SCENE_SIZE + x]
                        = y < hs && x < ws
                          ? small[((size_t)c * hs + y) * ws + x]
                          : 0.5f;
        fit[0] = ws;
        fit[1] = hs;
    }
    free(chw);
    free(small);
    return bad ? -1 : 0;
}
#line 2010 "chapters/companion/11-training.nw"
static int check_training_set(const char *path, const coco_t *gt,
                              char *err, size_t errsize)
{
    if (gt->nimages < 1 || gt->nimages > TRAIN_OWN_MAX_IMAGES)
        return errf(err, errsize, "%s: %d images; a training set has"
                    " 1 to %d", path, gt->nimages,
                    TRAIN_OWN_MAX_IMAGES);
    if (gt->ncategories < 1 || gt->ncategories > ANCHOR_MAX_CLASSES)
        return errf(err, errsize, "%s: %d categories; the model has"
                    " room for 1 to %d", path, gt->ncategories,
                    ANCHOR_MAX_CLASSES);
    for (int k = 0; k < gt->ncategories; k++)
        for (int j = 0; j < k; j++)
            if (!strcmp(gt->categories[j].name,
                        gt->categories[k].name))
                return errf(err, errsize, "%s: two categories are"
                            " named \"%s\"", path,
                            gt->categories[k].name);
    for (int i = 0; i < gt->nimages; i++) {
        const coco_image_t *im = &gt->images[i];
        int n = 0;
        for (int j = 0; j < im->count; j++)
            n += !gt->crowd[im->first + j];
        if (n > ANCHOR_MAX_OBJECTS)
            return errf(err, errsize, "%s: image %ld has %d objects;"
                        " training takes at most %d an image", path,
                        im->id, n, ANCHOR_MAX_OBJECTS);
    }
    return 0;
}
#line 2046 "chapters/companion/11-training.nw"
static int read_image(train_val_t *v, int i, char *err,
                      size_t errsize)
{
    const coco_image_t *im = &v->gt.images[i];
    char *path = path_join(v->gt.dir, im->file_name);
    image_t img;
    int st;
    if (path == NULL) return errf(err, errsize, "out of memory");
    if (image_read(path, &img, err, errsize) != 0) {
        char why[DATA_ERR_SIZE];
        snprintf(why, sizeof why, "%s", err);
        free(path);
        return errf(err, errsize, "image %ld: %s", im->id, why);
    }
    st = img.w != im->width || img.h != im->height
        ? errf(err, errsize, "%s: image %ld: the file is %d x %d, the"
               " annotations say %d x %d", path, im->id, img.w, img.h,
               im->width, im->height)
        : train_letterbox(&img, v->images + (size_t)i * SCENE_CHANNELS
                          * SCENE_SIZE * SCENE_SIZE, v->fit[i])
        ? errf(err, errsize, "%s: out of memory", path) : 0;
    image_free(&img);
    free(path);
    return st;
}
#line 2074 "chapters/companion/11-training.nw"
int train_val_read(train_val_t *v, const char *path, int training,
                   char *err, size_t errsize)
{
    size_t len, npix = (size_t)SCENE_CHANNELS * SCENE_SIZE
                       * SCENE_SIZE;
    memset(v, 0, sizeof *v);
    if (coco_read(path, NULL, &v->gt, err, errsize)) return -1;
    int st = training ? check_training_set(path, &v->gt, err, errsize)
                      : 0;
    char *text = st ? NULL : in_read(path, (size_t)256 << 20,
                                     "a COCO file", 1, &len, err,
                                     errsize);
    if (!st && text == NULL) st = -1;
    if (!st) {
        v->hash = checkpoint_hash(text, len);
        v->path = malloc(strlen(path) + 1);
        v->images = malloc(((size_t)v->gt.nimages + 1) * npix
                           * sizeof(float));
        v->fit = malloc(((size_t)v->gt.nimages + 1) * sizeof *v->fit);
        st = !v->path || !v->images || !v->fit
             ? errf(err, errsize, "%s: out of memory", path) : 0;
    }
    free(text);
    if (!st) strcpy(v->path, path);
    for (int i = 0; i < v->gt.nimages && !st; i++)
        st = read_image(v, i, err, errsize);
    v->count = v->gt.nimages;
    if (st) train_val_free(v);
    return st ? -1 : 0;
}
#line 2113 "chapters/companion/11-training.nw"
int train_val_match(train_val_t *v, const char *const *names, int n,
                    char *err, size_t errsize)
{
    coco_t *g = &v->gt;
    coco_category_t cat[COCO_MAX_CATEGORIES];
    int to[COCO_MAX_CATEGORIES];
    if (g->ncategories != n)
        return errf(err, errsize, "%s: %d categories, but the model"
                    " has %d", v->path, g->ncategories, n);
    for (int k = 0; k < n; k++) {
        int c = 0;
        while (c < n && strcmp(g->categories[k].name, names[c])) c++;
        if (c == n)
            return errf(err, errsize, "%s: category \"%s\" is not one"
                        " of the model's classes", v->path,
                        g->categories[k].name);
        to[k] = c;
        cat[c] = g->categories[k];
    }
    for (int c = 0; c < n; c++)
        g->categories[c] = cat[c];
    for (int j = 0; j < g->nobjects; j++)
        g->objects[j].cls = to[g->objects[j].cls];
    return 0;
}
#line 2149 "chapters/companion/11-training.nw"
static void epoch_order(uint64_t seed, long epoch, int *order, int n)
{
    rng_t r;
    rng_seed(&r, seed ^ (0x9e3779b97f4a7c15u * (uint64_t)(epoch + 1)));
    for (int k = 0; k < n; k++)
        order[k] = k;
    for (int k = n - 1; k > 0; k--) {
        int j = (int)rng_below(&r, (uint32_t)k + 1), t = order[k];
        order[k] = order[j];
        order[j] = t;
    }
}

int train_own_picks(int n, uint64_t seed, long step, int batch,
                    int *pick)
{
    int *order = malloc((size_t)n * sizeof *order);
    long have = -1;
    if (order == NULL) return -1;
    for (int b = 0; b < batch; b++) {
        long i = step * batch + b;
        if (i / n != have) epoch_order(seed, have = i / n, order, n);
        pick[b] = order[i % n];
    }
    free(order);
    return 0;
}
#line 2183 "chapters/companion/11-training.nw"
int train_own_example(const train_val_t *d, int k, int flip, float *x,
                      const anchor_grid_t *g, anchor_targets_t *t)
{
    const coco_image_t *im = &d->gt.images[k];
    object_t obj[ANCHOR_MAX_OBJECTS];
    int n = 0, ws = d->fit[k][0], hs = d->fit[k][1];
    size_t npix = (size_t)SCENE_CHANNELS * SCENE_SIZE * SCENE_SIZE;
    for (int j = 0; j < im->count && n < ANCHOR_MAX_OBJECTS; j++)
        if (!d->gt.crowd[im->first + j])
            obj[n++] = d->gt.objects[im->first + j];
    objects_resize(obj, n, im->width, im->height, ws, hs);
    train_input(x, d->images + (size_t)k * npix, npix);
    if (flip) {
        chw_flip_inside(x, SCENE_CHANNELS, SCENE_SIZE, SCENE_SIZE, ws,
                        hs);
        objects_flip(obj, n, ws);
    }
    return anchor_assign(&g->cfg, g->box, g->count, obj, n, t);
}
#line 2214 "chapters/companion/11-training.nw"
void train_unfit(const train_val_t *v, int first, int m,
                 detection_list_t *dl, int from)
{
    int n = from, k = first;
    for (int i = from; i < dl->count; i++) {
        detection_t d = dl->items[i];
        while (k < first + m - 1 && v->gt.images[k].id != d.image_id)
            k++;
        const coco_image_t *im = &v->gt.images[k];
        int ws = v->fit[k][0], hs = v->fit[k][1];
        if (im->width != SCENE_SIZE || im->height != SCENE_SIZE) {
            double fx = (double)im->width / ws;
            double fy = (double)im->height / hs;
            d.x1 = (float)fmin(d.x1 * fx, im->width);
            d.x2 = (float)fmin(d.x2 * fx, im->width);
            d.y1 = (float)fmin(d.y1 * fy, im->height);
            d.y2 = (float)fmin(d.y2 * fy, im->height);
        }
        if (d.x2 > d.x1 && d.y2 > d.y1) dl->items[n++] = d;
    }
    dl->count = n;
}

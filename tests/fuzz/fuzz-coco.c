#line 1783 "chapters/91-faults.nw"
/* fuzz-coco.c: the COCO instances and results readers. */
#include "fuzz.h"
#include "eval.h"

#line 1820 "chapters/91-faults.nw"
static void check_coco(const coco_t *c)
{
    FUZZ_ASSERT(c->nimages > 0 && c->ncategories > 0);
    for (int i = 0; i < c->nimages; i++) {
        const coco_image_t *im = &c->images[i];
        FUZZ_ASSERT(im->width >= 1 && im->width <= IMAGE_MAX_SIDE
                    && im->height >= 1
                    && im->height <= IMAGE_MAX_SIDE);
        FUZZ_ASSERT(im->first >= 0 && im->count >= 0
                    && im->first + im->count <= c->nobjects);
        for (int j = im->first; j < im->first + im->count; j++) {
            const object_t *o = &c->objects[j];
            FUZZ_ASSERT(o->x1 >= 0 && o->x1 < o->x2
                        && o->x2 <= im->width && o->y1 >= 0
                        && o->y1 < o->y2 && o->y2 <= im->height);
            FUZZ_ASSERT(o->cls >= 0 && o->cls < c->ncategories);
            FUZZ_ASSERT(c->crowd[j] <= 1 && c->area[j] >= 0);
        }
    }
}
#line 1843 "chapters/91-faults.nw"
static void ground_truth(coco_t *gt)
{
    object_t a[2] = {{1, 1, 9, 9, 0}, {4, 2, 12, 15, 1}};
    coco_init(gt, ".");
    coco_add_category(gt, 1, "a");
    coco_add_category(gt, 2, "b");
    if (coco_add_image(gt, "1.png", 16, 16, a, 2) != 0
        || coco_add_image(gt, "2.png", 20, 10, a, 1) != 0)
        abort();
}

#line 1790 "chapters/91-faults.nw"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(data, size);
    char err[DATA_ERR_SIZE];
    coco_t c, gt;
    detection_list_t dl = {0};
    eval_t e;
    if (coco_read(path, NULL, &c, err, sizeof err) == 0) {
        check_coco(&c);
        coco_free(&c);
    } else FUZZ_ASSERT(strstr(err, path) != NULL);
    ground_truth(&gt);
    if (eval_read_results(path, &gt, &dl, err, sizeof err) == 0) {
        FUZZ_ASSERT(eval_run(&gt, dl.items, dl.count, &e, err,
                             sizeof err) == 0);
        for (int s = 0; s < EVAL_STATS; s++)
            FUZZ_ASSERT(e.ap[s] == -1 || (e.ap[s] >= 0
                                          && e.ap[s] <= 1));
        eval_free(&e);
        detection_list_free(&dl);
    } else FUZZ_ASSERT(strstr(err, path) != NULL);
    coco_free(&gt);
    return 0;
}

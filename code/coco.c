#line 1566 "chapters/companion/06-data.nw"
/* coco.c: COCO instances JSON files, read and written. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "cli.h"
#include "coco.h"
#include "files.h"

#line 897 "chapters/companion/06-data.nw"
void coco_init(coco_t *c, const char *dir)
{
    memset(c, 0, sizeof *c);
    snprintf(c->dir, sizeof c->dir, "%s", dir);
}

int coco_add_category(coco_t *c, long id, const char *name)
{
    if (c->ncategories == COCO_MAX_CATEGORIES || (c->ncategories
        && id <= c->categories[c->ncategories - 1].id))
        return -1;
    coco_category_t *k = &c->categories[c->ncategories++];
    k->id = id;
    snprintf(k->name, sizeof k->name, "%s", name);
    return 0;
}

static int grow(void **p, int n, size_t size)
{
    if (n & (n - 1) || n == 0) return 0;    /* not a power of two */
    void *q = realloc(*p, 2 * (size_t)n * size);
    if (q == NULL) return -1;
    *p = q;
    return 0;
}
#line 928 "chapters/companion/06-data.nw"
static int ensure(void **p, int n, size_t size)
{
    if (n == 0) return (*p = malloc(size)) == NULL ? -1 : 0;
    return grow(p, n, size);
}

int coco_add_image(coco_t *c, const char *file_name, int width,
                   int height, const object_t *obj, int n)
{
    if (ensure((void **)&c->images, c->nimages, sizeof *c->images))
        return -1;
    for (int i = 0; i < n; i++)
        if (ensure((void **)&c->objects, c->nobjects + i,
                   sizeof *c->objects)
            || ensure((void **)&c->object_ids, c->nobjects + i,
                      sizeof *c->object_ids)
            || ensure((void **)&c->crowd, c->nobjects + i,
                      sizeof *c->crowd)
            || ensure((void **)&c->area, c->nobjects + i,
                      sizeof *c->area))
            return -1;
    coco_image_t *im = &c->images[c->nimages];
    memset(im, 0, sizeof *im);      /* so that records compare equal */
    im->id = ++c->nimages;
    snprintf(im->file_name, sizeof im->file_name, "%s", file_name);
    im->width = width;
    im->height = height;
    im->first = c->nobjects;
    im->count = n;
    for (int i = 0; i < n; i++, c->nobjects++) {
        c->objects[c->nobjects] = obj[i];
        c->object_ids[c->nobjects] = c->nobjects + 1;
        c->crowd[c->nobjects] = 0;
        c->area[c->nobjects] = ((double)obj[i].x2 - obj[i].x1)
                               * ((double)obj[i].y2 - obj[i].y1);
    }
    return 0;
}

void coco_free(coco_t *c)
{
    free(c->images);
    free(c->objects);
    free(c->object_ids);
    free(c->crowd);
    free(c->area);
    c->images = NULL; c->objects = NULL; c->object_ids = NULL;
    c->crowd = NULL; c->area = NULL;
    c->nimages = c->nobjects = 0;
}
#line 986 "chapters/companion/06-data.nw"
static cJSON *annotation_json(const coco_t *c, const coco_image_t *im,
                              int j)
{
    const object_t *o = &c->objects[j];
    double w = (double)o->x2 - o->x1, h = (double)o->y2 - o->y1;
    double box[4] = {o->x1, o->y1, w, h};
    cJSON *a = cJSON_CreateObject();
    cJSON_AddNumberToObject(a, "id", (double)c->object_ids[j]);
    cJSON_AddNumberToObject(a, "image_id", (double)im->id);
    cJSON_AddNumberToObject(a, "category_id",
                            (double)c->categories[o->cls].id);
    cJSON_AddItemToObject(a, "bbox", cJSON_CreateDoubleArray(box, 4));
    cJSON_AddNumberToObject(a, "area", c->area[j]);
    cJSON_AddNumberToObject(a, "iscrowd", c->crowd[j]);
    return a;
}
#line 1005 "chapters/companion/06-data.nw"
static cJSON *coco_json(const coco_t *c)
{
    cJSON *root = cJSON_CreateObject(), *info = cJSON_CreateObject();
    cJSON_AddStringToObject(info, "description", "retina data");
    cJSON_AddItemToObject(root, "info", info);
    cJSON_AddItemToObject(root, "licenses", cJSON_CreateArray());
    cJSON *ims = cJSON_AddArrayToObject(root, "images");
    cJSON *anns = cJSON_AddArrayToObject(root, "annotations");
    cJSON *cats = cJSON_AddArrayToObject(root, "categories");
    for (int i = 0; i < c->nimages; i++) {
        const coco_image_t *im = &c->images[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", (double)im->id);
        cJSON_AddStringToObject(o, "file_name", im->file_name);
        cJSON_AddNumberToObject(o, "width", im->width);
        cJSON_AddNumberToObject(o, "height", im->height);
        cJSON_AddItemToArray(ims, o);
        for (int j = im->first; j < im->first + im->count; j++)
            cJSON_AddItemToArray(anns, annotation_json(c, im, j));
    }
    for (int k = 0; k < c->ncategories; k++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", (double)c->categories[k].id);
        cJSON_AddStringToObject(o, "name", c->categories[k].name);
        cJSON_AddItemToArray(cats, o);
    }
    return root;
}
#line 1036 "chapters/companion/06-data.nw"
int coco_write(const coco_t *c, const char *path, char *err,
               size_t errsize)
{
    cJSON *root = coco_json(c);
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    out_file o;
    if (text == NULL) return errf(err, errsize, "%s: out of memory",
                                  path);
    int st = out_open(&o, path, err, errsize);
    if (st == 0) {
        fputs(text, o.f);
        fputc('\n', o.f);
        st = out_commit(&o, err, errsize);
    }
    cJSON_free(text);
    return st;
}
#line 1114 "chapters/companion/06-data.nw"
static char *read_text(const char *path, size_t *len, char *err,
                       size_t errsize)
{
    char *text = in_read(path, (size_t)256 << 20, "a COCO file", 1,
                         len, err, errsize);
    const char *nul = text ? json_nul_escape(text, *len) : NULL;
    if (nul) {
        errf(err, errsize, "%s: byte %ld: a \\u0000 escape, a NUL"
             " that would cut its string short", path,
             (long)(nul - text));
        free(text);
        return NULL;
    }
    return text;
}
#line 1136 "chapters/companion/06-data.nw"
static int get_number(const char *path, const char *where,
                      const cJSON *o, const char *key, double lo,
                      double hi, int whole, double *out, char *err,
                      size_t errsize)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (v == NULL)
        return errf(err, errsize, "%s: %s: missing \"%s\"", path, where,
                    key);
    double d = v->valuedouble;
    if (!cJSON_IsNumber(v) || (whole && d != floor(d)))
        return errf(err, errsize, "%s: %s: \"%s\" is not a %s", path,
                    where, key, whole ? "whole number" : "number");
    if (!(d >= lo && d <= hi))
        return errf(err, errsize, "%s: %s: \"%s\" = %g is not in "
                    "[%g, %g]", path, where, key, d, lo, hi);
    *out = d;
    return 0;
}

static const cJSON *get_array(const char *path, const cJSON *root,
                              const char *key, char *err,
                              size_t errsize)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!cJSON_IsArray(a))
        errf(err, errsize, "%s: \"%s\" is %s", path, key,
             a ? "not an array" : "missing");
    return cJSON_IsArray(a) ? a : NULL;
}
#line 1169 "chapters/companion/06-data.nw"
static int cmp_category(const void *a, const void *b)
{
    long x = ((const coco_category_t *)a)->id;
    long y = ((const coco_category_t *)b)->id;
    return (x > y) - (x < y);
}

static int read_categories(const char *path, const cJSON *root,
                           coco_t *c, char *err, size_t errsize)
{
    const cJSON *cats = get_array(path, root, "categories", err,
                                  errsize), *k;
    if (cats == NULL) return -1;
    cJSON_ArrayForEach(k, cats) {
        char where[64];
        double id;
        snprintf(where, sizeof where, "category #%d", c->ncategories);
        if (get_number(path, where, k, "id", 1, 1e9, 1, &id, err,
                       errsize))
            return -1;
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(k, "name");
        if (!cJSON_IsString(name) || strlen(name->valuestring) == 0
            || strlen(name->valuestring) >= COCO_NAME_SIZE)
            return errf(err, errsize, "%s: category %.0f: \"name\" is "
                        "not a string of 1 to %d characters", path, id,
                        COCO_NAME_SIZE - 1);
        if (c->ncategories == COCO_MAX_CATEGORIES)
            return errf(err, errsize, "%s: more than %d categories",
                        path, COCO_MAX_CATEGORIES);
        coco_category_t *kk = &c->categories[c->ncategories++];
        kk->id = (long)id;
        snprintf(kk->name, sizeof kk->name, "%s", name->valuestring);
    }
    
#line 1207 "chapters/companion/06-data.nw"
qsort(c->categories, (size_t)c->ncategories, sizeof *c->categories,
      cmp_category);
for (int i = 1; i < c->ncategories; i++)
    if (c->categories[i].id == c->categories[i - 1].id)
        return errf(err, errsize, "%s: category %ld: duplicate id",
                    path, c->categories[i].id);
if (c->ncategories == 0)
    return errf(err, errsize, "%s: no categories", path);
return 0;
#line 1203 "chapters/companion/06-data.nw"
}
#line 1221 "chapters/companion/06-data.nw"
static int safe_name(const char *s)
{
    if (*s == '\0' || *s == '/') return 0;
    for (const char *p = s; *p; p++)
        if ((p == s || p[-1] == '/') && p[0] == '.' && p[1] == '.'
            && (p[2] == '/' || p[2] == '\0'))
            return 0;
    return 1;
}

static int read_image(const char *path, const cJSON *o, int i,
                      coco_image_t *im, char *err, size_t errsize)
{
    char where[64];
    double id, w, h;
    snprintf(where, sizeof where, "image #%d", i);
    if (get_number(path, where, o, "id", 0, 1e15, 1, &id, err, errsize))
        return -1;
    snprintf(where, sizeof where, "image %.0f", id);
    const cJSON *name =
        cJSON_GetObjectItemCaseSensitive(o, "file_name");
    if (cJSON_IsString(name)
        && strlen(name->valuestring) >= COCO_FILE_SIZE)
        return errf(err, errsize, "%s: %s: \"file_name\" is longer"
                    " than %d bytes", path, where, COCO_FILE_SIZE - 1);
    if (!cJSON_IsString(name) || !safe_name(name->valuestring))
        return errf(err, errsize, "%s: %s: \"file_name\" is not a "
                    "relative path inside the image directory", path,
                    where);
    if (get_number(path, where, o, "width", 1, IMAGE_MAX_SIDE, 1, &w,
                   err, errsize)
        || get_number(path, where, o, "height", 1, IMAGE_MAX_SIDE, 1,
                      &h, err, errsize))
        return -1;
    im->id = (long)id;
    snprintf(im->file_name, sizeof im->file_name, "%s",
             name->valuestring);
    im->width = (int)w;
    im->height = (int)h;
    im->first = im->count = 0;
    return 0;
}
#line 1268 "chapters/companion/06-data.nw"
static int read_images(const char *path, const cJSON *root, coco_t *c,
                       char *err, size_t errsize)
{
    const cJSON *o, *ims = get_array(path, root, "images", err,
                                     errsize);
    if (ims == NULL) return -1;
    int n = cJSON_GetArraySize(ims);
    if (n == 0)
        return errf(err, errsize, "%s: no images", path);
    c->images = calloc((size_t)n, sizeof *c->images);
    if (c->images == NULL)
        return errf(err, errsize, "%s: out of memory", path);
    cJSON_ArrayForEach(o, ims) {
        if (read_image(path, o, c->nimages, &c->images[c->nimages], err,
                       errsize))
            return -1;
        c->nimages++;
    }
    return 0;
}
#line 1295 "chapters/companion/06-data.nw"
typedef struct { long id; int index; } id_index_t;

static int cmp_id(const void *a, const void *b)
{
    long x = ((const id_index_t *)a)->id;
    long y = ((const id_index_t *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static int find_id(const id_index_t *idx, int n, long id)
{
    id_index_t key = {id, 0};
    const id_index_t *p = bsearch(&key, idx, (size_t)n, sizeof *idx,
                                  cmp_id);
    return p ? p->index : -1;
}
#line 1320 "chapters/companion/06-data.nw"
static int read_annotation(const char *path, const cJSON *a, int i,
                           const coco_t *c, const id_index_t *idx,
                           object_t *obj, long *id, int *image,
                           unsigned char *crowd, double *area,
                           char *err, size_t errsize)
{
    char where[64];
    double v, cat;
    snprintf(where, sizeof where, "annotation #%d", i);
    if (get_number(path, where, a, "id", 0, 1e15, 1, &v, err, errsize))
        return -1;
    *id = (long)v;
    snprintf(where, sizeof where, "annotation %ld", *id);
    
#line 1341 "chapters/companion/06-data.nw"
if (get_number(path, where, a, "image_id", 0, 1e15, 1, &v, err,
               errsize)
    || get_number(path, where, a, "category_id", 0, 1e15, 1, &cat, err,
                  errsize))
    return -1;
if ((*image = find_id(idx, c->nimages, (long)v)) < 0)
    return errf(err, errsize, "%s: %s: unknown image_id %.0f", path,
                where, v);
coco_category_t key = {(long)cat, ""};
const coco_category_t *k = bsearch(&key, c->categories,
    (size_t)c->ncategories, sizeof key, cmp_category);
if (k == NULL)
    return errf(err, errsize, "%s: %s: unknown category_id %.0f",
                path, where, cat);
obj->cls = (int)(k - c->categories);
#line 1334 "chapters/companion/06-data.nw"
    
#line 1361 "chapters/companion/06-data.nw"
const cJSON *bb = cJSON_GetObjectItemCaseSensitive(a, "bbox");
double b[4];
int nb = cJSON_IsArray(bb) ? cJSON_GetArraySize(bb) : -1;
for (int j = 0; j < 4 && nb == 4; j++) {
    const cJSON *x = cJSON_GetArrayItem(bb, j);
    b[j] = cJSON_IsNumber(x) ? x->valuedouble : NAN;
    if (!isfinite(b[j])) nb = -1;
}
if (nb != 4)
    return errf(err, errsize, "%s: %s: \"bbox\" is not [x, y, width, "
                "height]", path, where);
if (!(b[2] > 0 && b[3] > 0))
    return errf(err, errsize, "%s: %s: bbox width %g, height %g: "
                "both must be positive", path, where, b[2], b[3]);
const coco_image_t *im = &c->images[*image];
if (b[0] < 0 || b[1] < 0 || b[0] + b[2] > im->width
    || b[1] + b[3] > im->height)
    return errf(err, errsize, "%s: %s: bbox [%g, %g, %g, %g] leaves "
                "image %ld (%d x %d)", path, where, b[0], b[1], b[2],
                b[3], im->id, im->width, im->height);
obj->x1 = (float)b[0]; obj->y1 = (float)b[1];
obj->x2 = (float)(b[0] + b[2]); obj->y2 = (float)(b[1] + b[3]);
if (!(obj->x2 > obj->x1 && obj->y2 > obj->y1))
    return errf(err, errsize, "%s: %s: bbox width %g, height %g: too "
                "small for a float box", path, where, b[2], b[3]);
#line 1335 "chapters/companion/06-data.nw"
    
#line 1395 "chapters/companion/06-data.nw"
const cJSON *cr = cJSON_GetObjectItemCaseSensitive(a, "iscrowd");
const cJSON *ar = cJSON_GetObjectItemCaseSensitive(a, "area");
*crowd = 0;
*area = b[2] * b[3];
if (cr && get_number(path, where, a, "iscrowd", 0, 1, 1, &v, err,
                     errsize))
    return -1;
if (cr) *crowd = (unsigned char)v;
if (ar && get_number(path, where, a, "area", 0, 1e30, 0, area, err,
                     errsize))
    return -1;

#line 1336 "chapters/companion/06-data.nw"
    return 0;
}
#line 1408 "chapters/companion/06-data.nw"
static int group_annotations(const char *path, const cJSON *anns,
                             coco_t *c, id_index_t *idx, int *image,
                             object_t *obj, long *ids,
                             unsigned char *crowd, double *area,
                             char *err, size_t errsize)
{
    
#line 1474 "chapters/companion/06-data.nw"
for (int i = 0; i < c->nimages; i++) {
    idx[i].id = c->images[i].id;
    idx[i].index = i;
}
qsort(idx, (size_t)c->nimages, sizeof *idx, cmp_id);
for (int i = 1; i < c->nimages; i++)
    if (idx[i].id == idx[i - 1].id)
        return errf(err, errsize, "%s: image %ld: duplicate id", path,
                    idx[i].id);
#line 1415 "chapters/companion/06-data.nw"
    const cJSON *a;
    int n = 0;
    cJSON_ArrayForEach(a, anns) {
        if (read_annotation(path, a, n, c, idx, &obj[n], &ids[n],
                            &image[n], &crowd[n], &area[n], err,
                            errsize))
            return -1;
        c->images[image[n++]].count++;
    }
    
#line 1490 "chapters/companion/06-data.nw"
long *sorted = n ? malloc((size_t)n * sizeof *sorted) : NULL;
if (n && sorted == NULL) return errf(err, errsize, "out of memory");
if (n) memcpy(sorted, ids, (size_t)n * sizeof *sorted);
if (n) qsort(sorted, (size_t)n, sizeof *sorted, cmp_long);
for (int j = 1; j < n; j++)
    if (sorted[j] == sorted[j - 1]) {
        long dup = sorted[j];
        free(sorted);
        return errf(err, errsize, "%s: annotation %ld: duplicate id",
                    path, dup);
    }
free(sorted);
#line 1425 "chapters/companion/06-data.nw"
    for (int i = 0, first = 0; i < c->nimages; i++) {
        c->images[i].first = first;
        first += c->images[i].count;
        c->images[i].count = 0;
    }
    for (int j = 0; j < n; j++) {
        coco_image_t *im = &c->images[image[j]];
        int k = im->first + im->count++;
        c->objects[k] = obj[j];
        c->object_ids[k] = ids[j];
        c->crowd[k] = crowd[j];
        c->area[k] = area[j];
    }
    c->nobjects = n;
    return 0;
}
#line 1444 "chapters/companion/06-data.nw"
static int read_annotations(const char *path, const cJSON *root,
                            coco_t *c, char *err, size_t errsize)
{
    const cJSON *anns = get_array(path, root, "annotations", err,
                                  errsize);
    if (anns == NULL) return -1;
    int n = cJSON_GetArraySize(anns), st = -1;
    id_index_t *idx = malloc(((size_t)c->nimages + 1) * sizeof *idx);
    int *image = malloc(((size_t)n + 1) * sizeof *image);
    object_t *obj = malloc(((size_t)n + 1) * sizeof *obj);
    long *ids = malloc(((size_t)n + 1) * sizeof *ids);
    unsigned char *crowd = malloc((size_t)n + 1);
    double *area = malloc(((size_t)n + 1) * sizeof *area);
    c->objects = malloc(((size_t)n + 1) * sizeof *c->objects);
    c->object_ids = malloc(((size_t)n + 1) * sizeof *c->object_ids);
    c->crowd = malloc((size_t)n + 1);
    c->area = malloc(((size_t)n + 1) * sizeof *c->area);
    if (!idx || !image || !obj || !ids || !crowd || !area || !c->objects
        || !c->object_ids || !c->crowd || !c->area)
        errf(err, errsize, "%s: out of memory", path);
    else
        st = group_annotations(path, anns, c, idx, image, obj, ids,
                               crowd, area, err, errsize);
    free(idx); free(image); free(obj); free(ids); free(crowd);
    free(area);
    return st;
}
#line 1065 "chapters/companion/06-data.nw"
int coco_read(const char *path, const char *image_dir, coco_t *c,
              char *err, size_t errsize)
{
    char dir[COCO_FILE_SIZE];
    
#line 1101 "chapters/companion/06-data.nw"
if (image_dir == NULL) {
    const char *slash = strrchr(path, '/');
    int n = slash ? (int)(slash - path) : 1;
    snprintf(dir, sizeof dir, "%.*s", n, slash ? path : ".");
} else if (strlen(image_dir) >= sizeof dir) {
    return errf(err, errsize, "%s: a folder name longer than %d bytes",
                image_dir, (int)sizeof dir - 1);
} else {
    snprintf(dir, sizeof dir, "%s", image_dir);
}
#line 1070 "chapters/companion/06-data.nw"
    coco_init(c, dir);
    size_t len;
    char *text = read_text(path, &len, err, errsize);
    if (text == NULL) return -1;
    const char *end = text;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (root)                /* white space may follow the value */
        while (end < text + len && memchr(" \t\r\n", *end, 4))
            end++;
    if (root == NULL || end < text + len) {
        int line = 1;
        for (const char *p = text; p < end; p++)
            line += *p == '\n';
        cJSON_Delete(root);
        errf(err, errsize, "%s:%d: %s (byte %ld)", path, line, root
             ? "text after the JSON value" : "not valid JSON",
             (long)(end - text));
        free(text);
        return -1;
    }
    free(text);
    int st = read_categories(path, root, c, err, errsize)
          || read_images(path, root, c, err, errsize)
          || read_annotations(path, root, c, err, errsize);
    cJSON_Delete(root);
    if (st) coco_free(c);
    return st ? -1 : 0;
}
#line 1512 "chapters/companion/06-data.nw"
int coco_scene(const coco_t *c, int i, scene_t *s, char *err,
               size_t errsize)
{
    const coco_image_t *im = &c->images[i];
    char *path = path_join(c->dir, im->file_name);
    image_t img;
    if (path == NULL) return errf(err, errsize, "out of memory");
    if (s && im->count > SCENE_MAX_OBJECTS) {
        free(path);
        return errf(err, errsize, "image %ld: more than %d annotations "
                    "for a scene (%d)", im->id, SCENE_MAX_OBJECTS,
                    im->count);
    }
    if (image_read(path, &img, err, errsize) != 0) {
        char why[DATA_ERR_SIZE];
        snprintf(why, sizeof why, "%s", err);
        free(path);
        return errf(err, errsize, "image %ld: %s", im->id, why);
    }
    if (img.w != im->width || img.h != im->height) {
        errf(err, errsize, "%s: image %ld: the file is %d x %d, the "
             "annotations say %d x %d", path, im->id, img.w, img.h,
             im->width, im->height);
        image_free(&img);
        free(path);
        return -1;
    }
    if (s == NULL) {
        image_free(&img);
        free(path);
        return 0;
    }
    float *chw = malloc(sizeof(float) * 3 * (size_t)img.w * img.h);
    if (chw == NULL) {
        image_free(&img);
        errf(err, errsize, "%s: out of memory", path);
        free(path);
        return -1;
    }
    image_to_chw(&img, chw);
    chw_resize(chw, 3, img.h, img.w, s->pixels, SCENE_SIZE, SCENE_SIZE);
    free(chw);
    free(path);
    image_free(&img);
    s->count = im->count;
    memcpy(s->objects, c->objects + im->first,
           (size_t)im->count * sizeof *s->objects);
    objects_resize(s->objects, s->count, im->width, im->height,
                   SCENE_SIZE, SCENE_SIZE);
    return 0;
}

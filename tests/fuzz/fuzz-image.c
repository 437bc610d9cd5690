#line 1876 "chapters/91-faults.nw"
/* fuzz-image.c: the PNG and JPEG reader. */
#include "fuzz.h"
#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(data, size);
    char err[DATA_ERR_SIZE];
    image_t img;
    if (image_read(path, &img, err, sizeof err) == 0) {
        FUZZ_ASSERT(img.w >= 1 && img.w <= IMAGE_MAX_SIDE && img.h >= 1
                    && img.h <= IMAGE_MAX_SIDE && img.rgb != NULL);
        unsigned long long sum = 0;    /* touch every byte */
        size_t n = (size_t)img.w * img.h * 3;
        for (size_t i = 0; i < n; i++)
            sum += img.rgb[i];
        FUZZ_ASSERT(sum <= 255ull * n);
        image_free(&img);
    } else {
        FUZZ_ASSERT(strstr(err, path) != NULL && img.rgb == NULL);
    }
    return 0;
}

#line 862 "chapters/91-faults.nw"
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
        unsigned sum = 0;              /* touch every byte */
        for (size_t i = 0; i < (size_t)img.w * img.h * 3; i++)
            sum += img.rgb[i];
        FUZZ_ASSERT(sum <= 255u * img.w * img.h * 3);
        image_free(&img);
    } else {
        FUZZ_ASSERT(strstr(err, path) != NULL && img.rgb == NULL);
    }
    return 0;
}

#line 1932 "chapters/91-faults.nw"
/* fuzz-checkpoint.c: the checkpoint reader, before and behind the
   hash. */
#include "fuzz.h"
#include "checkpoint.h"

const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allocator_may_return_null=1";
}

static void read_one(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(data, size);
    char err[DATA_ERR_SIZE];
    checkpoint_t c;
    net_t net;
    if (checkpoint_read(path, &c, err, sizeof err) != 0) {
        FUZZ_ASSERT(strstr(err, path) != NULL && c.params == NULL);
        return;
    }
    FUZZ_ASSERT(checkpoint_net(&net, &c, 1) == 0);
    net_free(&net);
    checkpoint_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_one(data, size);
    if (size < CHECKPOINT_HEADER + 8) return 0;
    uint8_t *copy = malloc(size);
    uint64_t h = 0xcbf29ce484222325u;              /* FNV-1a 64 */
    memcpy(copy, data, size);
    for (size_t i = CHECKPOINT_HEADER; i < size - 8; i++)
        h = (h ^ copy[i]) * 0x100000001b3u;
    for (int i = 0; i < 8; i++)
        copy[size - 8 + i] = (uint8_t)(h >> (8 * i));
    read_one(copy, size);
    free(copy);
    return 0;
}

#line 1732 "chapters/91-faults.nw"
/* fuzz.h: what the fuzz targets share. */
#ifndef FUZZ_H
#define FUZZ_H
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A memory file holding DATA (the same file every call). */
static inline int fuzz_fd(const uint8_t *data, size_t size)
{
    static int fd = -1;
    if (fd < 0 && (fd = memfd_create("fuzz", 0)) < 0) abort();
    if (ftruncate(fd, 0) != 0
        || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    return fd;
}

/* Its name, for the readers that open a path. */
static inline const char *fuzz_path(const uint8_t *data, size_t size)
{
    static char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d",
             fuzz_fd(data, size));
    return path;
}

#define FUZZ_ASSERT(x) do { if (!(x)) { \
    fprintf(stderr, "fuzz: %s:%d: broken: %s\n", __FILE__, __LINE__, \
            #x); \
    abort(); } } while (0)
#endif

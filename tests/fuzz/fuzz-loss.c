#line 1987 "chapters/91-faults.nw"
/* fuzz-loss.c: retina loss: its flags and its input lines. */
#include "fuzz.h"                        /* first: it asks for Linux */
#include <math.h>
#include "cli.h"
#include "commands.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    static char name[] = "loss";
    char flags[256], *argv[18] = {name};
    size_t n = 0;
    int argc = 1;
    while (n < size && n < sizeof flags - 1 && data[n] != '\n') {
        flags[n] = (char)data[n];
        n++;
    }
    flags[n] = '\0';
    for (char *t = strtok(flags, " "); t && argc < 17;
         t = strtok(NULL, " ")) {
        double v;
        FUZZ_ASSERT(parse_double(t, &v) != 0 || isfinite(v));
        argv[argc++] = t;
    }
    n = n < size ? n + 1 : size;
    int fd = fuzz_fd(data + n, size - n);
    if (!ready) {                     /* stdin reads the memory file */
        if (dup2(fd, 0) != 0) abort();
        ready = 1;
    }
    fseek(stdin, 0, SEEK_SET);
    int st = cmd_loss(argc, argv);
    FUZZ_ASSERT(st == 0 || st == EXIT_FAIL || st == EXIT_USAGE);
    return 0;
}

#line 2045 "chapters/91-faults.nw"
/* fuzz-cli.c: every subcommand's flags and paths, checked only. */
#include "fuzz.h"                        /* first: it asks for Linux */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "cli.h"
#include "commands.h"

enum { NCMD = 9, MAXARG = 32 };
static const char *const names[NCMD] = {"loss", "data", "eval",
    "train", "detect", "bench", "report", "pool", "plot"};
static int (*const cmds[NCMD])(int, char **) = {cmd_loss, cmd_data,
    cmd_eval, cmd_train, cmd_detect, cmd_bench, cmd_report, cmd_pool,
    cmd_plot};

#line 2104 "chapters/91-faults.nw"
static char dir[] = "/tmp/fuzz-cli-XXXXXX";
static const char *const made[] = {"in.json", "fifo", "null", "sub"};
static int home = -1;

static void unscratch(void)
{
    if (chdir(dir) != 0) return;
    for (int i = 0; i < 3; i++) unlink(made[i]);
    rmdir(made[3]);
    if (chdir("/") == 0) rmdir(dir);
}

static void scratch(void)
{
    FILE *f;
    if ((home = open(".", O_RDONLY | O_DIRECTORY)) < 0
        || mkdtemp(dir) == NULL || chdir(dir) != 0
        || (f = fopen(made[0], "w")) == NULL)
        abort();
    fputs("{}\n", f);
    if (fclose(f) != 0 || mkfifo(made[1], 0600) != 0
        || symlink("/dev/null", made[2]) != 0 || mkdir(made[3], 0700)
        || fchdir(home) != 0)
        abort();
    atexit(unscratch);
    setenv("RETINA_CHECK_ONLY", "1", 1);
    unsetenv("RETINA_TEST_STOP_IN_SAVE");
}

/* The names, kinds and sizes in the scratch folder, sorted by the
   order readdir gives, which does not change without a change. */
static void listing(char *out, size_t size)
{
    DIR *d = opendir(".");
    struct dirent *e;
    size_t n = 0;
    out[0] = '\0';
    while (d && (e = readdir(d)) != NULL && n < size) {
        struct stat s;
        if (lstat(e->d_name, &s) != 0) continue;
        int w = snprintf(out + n, size - n, "%s %o %lld\n", e->d_name,
                         (unsigned)s.st_mode, (long long)s.st_size);
        n += w > 0 ? (size_t)w : 0;
    }
    if (d) closedir(d);
}
#line 2155 "chapters/91-faults.nw"
static int split(const uint8_t *data, size_t size, char *buf,
                 size_t cap, char **argv)
{
    int argc = 0;
    if (size >= cap) return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    if (memchr(buf, '\0', size)) return 0;
    for (char *p = buf; p && argc < MAXARG; argc++) {
        argv[argc] = p;
        if ((p = strchr(p, '\n')) != NULL) *p++ = '\0';
        if (argv[argc][0] == '/' || strstr(argv[argc], ".."))
            return 0;                 /* it would leave the folder */
        const char *a = argv[argc];
        size_t n = strlen(a);
        if (a[0] == ':' || (n && a[n - 1] == ':') || strstr(a, ": ")
            || strstr(a, " :") || strstr(a, "(null)"))
            return 0;        /* a message quoting it would look bad */
    }
    argv[argc] = NULL;
    return argc;
}
#line 2180 "chapters/91-faults.nw"
static int names_something(const char *msg, const char *cmd)
{
    char head[32];
    snprintf(head, sizeof head, "retina %s: ", cmd);
    size_t h = strlen(head), len = strcspn(msg, "\n");
    return strncmp(msg, head, h) == 0 && len > h && msg[h] != ':'
           && !strstr(msg, "(null)")
           && !strstr(msg, ": :") && msg[len - 1] != ':';
}

#line 2064 "chapters/91-faults.nw"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int errfd = -1, keep = -1;
    static char msg[65536];      /* more than a message can quote */
    char *argv[MAXARG + 1], buf[8192];
    int argc = split(data, size, buf, sizeof buf, argv), k = 0;
    while (argc > 0 && k < NCMD && strcmp(argv[0], names[k]) != 0) k++;
    if (argc == 0 || k == NCMD) return 0;
    if (errfd < 0) {
        scratch();
        if ((errfd = memfd_create("err", 0)) < 0
            || (keep = dup(2)) < 0 || dup2(fuzz_fd(data, 0), 0) != 0)
            abort();
    }
    char before[4096], after[4096];
    if (chdir(dir) != 0) abort();
    listing(before, sizeof before);
    if (ftruncate(errfd, 0) != 0 || lseek(errfd, 0, SEEK_SET) != 0
        || dup2(errfd, 2) != 2)
        abort();
    fseek(stdin, 0, SEEK_SET);
    int st = cmds[k](argc, argv);
    fflush(stdout);
    ssize_t got = pread(errfd, msg, sizeof msg - 1, 0);
    if (dup2(keep, 2) != 2) abort();
    msg[got > 0 ? got : 0] = '\0';
    listing(after, sizeof after);
    if (fchdir(home) != 0) abort();
    FUZZ_ASSERT(st == 0 || st == EXIT_FAIL || st == EXIT_USAGE);
    FUZZ_ASSERT(st == 0 || names_something(msg, names[k]));
    FUZZ_ASSERT(strcmp(before, after) == 0);
    return 0;
}

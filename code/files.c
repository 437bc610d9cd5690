#line 702 "chapters/91-faults.nw"
/* files.c: outputs that never destroy an input nor leave a file
   half-written, and inputs read within a stated limit. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "files.h"

#line 728 "chapters/91-faults.nw"
char *path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0
           && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static const char *kind(mode_t m)
{
    return S_ISDIR(m) ? "a folder" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : S_ISFIFO(m) ? "a FIFO"
         : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

char *path_folder(const char *path)
{
    const char *s = strrchr(path, '/');
    size_t n = s == NULL ? 0 : s == path ? 1 : (size_t)(s - path);
    char *d = malloc(n + 2);
    if (d == NULL) return NULL;
    if (n == 0) strcpy(d, ".");
    else { memcpy(d, path, n); d[n] = '\0'; }
    return d;
}
#line 771 "chapters/91-faults.nw"
static int not_input(const char *path, const char *const *inputs,
                     int n, char *err, size_t errsize)
{
    for (int i = 0; i < n; i++)
        if (inputs[i] && (same_file(path, inputs[i])
                          || strcmp(path, inputs[i]) == 0)) {
            errf(err, errsize, "%s: is the same file as %s; give"
                 " the output another name", path, inputs[i]);
            return EXIT_USAGE;
        }
    return 0;
}

int out_refuse(const char *cmd, int st, const char *err)
{
    return st == EXIT_USAGE ? cli_usage(cmd, "%s", err)
                            : cli_fail(cmd, "%s", err);
}

static int folder_ok(const char *path, char *err, size_t errsize)
{
    char *d = path_folder(path);
    struct stat s;
    int st = d == NULL ? errf(err, errsize, "out of memory")
        : stat(d, &s) != 0
        ? errf(err, errsize, "%s: folder %s: %s", path, d,
               strerror(errno))
        : !S_ISDIR(s.st_mode)
        ? errf(err, errsize, "%s: %s is not a folder", path, d)
        : access(d, W_OK | X_OK) != 0
        ? errf(err, errsize, "%s: folder %s: %s", path, d,
               strerror(errno)) : 0;
    free(d);
    return st ? EXIT_FAIL : 0;
}

int out_check(const char *path, const char *const *inputs, int n,
              char *err, size_t errsize)
{
    struct stat s;
    size_t len = path ? strlen(path) : 0;
    int st = EXIT_USAGE;
    if (len == 0)
        errf(err, errsize, "'': an output needs a file name");
    else if (strcmp(path, "-") == 0)
        errf(err, errsize, "-: this output is a file, not standard"
             " output; give a file name");
    else if (path[len - 1] == '/' || (stat(path, &s) == 0
                                      && S_ISDIR(s.st_mode)))
        errf(err, errsize, "%s: names a folder; give a file name",
             path);
    else if ((st = not_input(path, inputs, n, err, errsize)) == 0) {
        int found = stat(path, &s) == 0;
        if (found && !S_ISREG(s.st_mode)) {
            errf(err, errsize, "%s: is %s; an output must be a"
                 " regular file", path, kind(s.st_mode));
            return EXIT_FAIL;
        }
        if (!found && errno != ENOENT) {    /* ENAMETOOLONG, ... */
            errf(err, errsize, "%s: %s", path, strerror(errno));
            return EXIT_FAIL;
        }
        return folder_ok(path, err, errsize);
    }
    return st;
}

int out_check_dir(const char *dir, const char *const *inputs, int n,
                  char *err, size_t errsize)
{
    struct stat s;
    int st;
    if (dir == NULL || dir[0] == '\0') {
        errf(err, errsize, "'': an output folder needs a name");
        return EXIT_USAGE;
    }
    if ((st = not_input(dir, inputs, n, err, errsize)) != 0)
        return st;
    if (stat(dir, &s) != 0)
        return folder_ok(dir, err, errsize);
    if (!S_ISDIR(s.st_mode)) {
        errf(err, errsize, "%s: is %s, not a folder", dir,
             S_ISREG(s.st_mode) ? "a file" : kind(s.st_mode));
        return EXIT_FAIL;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        errf(err, errsize, "%s: %s", dir, strerror(errno));
        return EXIT_FAIL;
    }
    return 0;
}
#line 985 "chapters/91-faults.nw"
enum { OUT_LIVE = 16 };
static char *_Atomic out_live[OUT_LIVE];
static const char *out_cmd = "";

static int live_add(char *tmp)
{
    for (int i = 0; i < OUT_LIVE; i++) {
        char *none = NULL;
        if (atomic_compare_exchange_strong(&out_live[i], &none, tmp))
            return 0;
    }
    return -1;
}

static void live_drop(const char *tmp)
{
    for (int i = 0; tmp && i < OUT_LIVE; i++)
        if (atomic_load(&out_live[i]) == tmp)
            atomic_store(&out_live[i], NULL);
}
#line 873 "chapters/91-faults.nw"
int out_open(out_file *o, const char *path, char *err,
             size_t errsize)
{
    struct stat s;
    o->f = NULL;
    o->path = o->tmp = NULL;
    if (path == NULL || path[0] == '\0')
        return errf(err, errsize, "'': an output needs a file name");
    if (stat(path, &s) == 0 && !S_ISREG(s.st_mode))
        return errf(err, errsize, "%s: is %s; an output must be a"
                    " regular file", path, kind(s.st_mode));
    size_t n = strlen(path);
    if ((o->tmp = malloc(n + 5)) == NULL)
        return errf(err, errsize, "%s: out of memory", path);
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".tmp", 5);
    if (lstat(o->tmp, &s) == 0 && !S_ISREG(s.st_mode)) {
        errf(err, errsize, "%s: is %s; remove it, it is in the way of"
             " writing %s", o->tmp, kind(s.st_mode), path);
        out_abort(o);
        return -1;
    }
    if (live_add(o->tmp) != 0) {
        errf(err, errsize, "%s: more than %d outputs open at once",
             path, OUT_LIVE);
        out_abort(o);
        return -1;
    }
    int fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW,
                  0666);
    if (fd < 0 || (o->f = fdopen(fd, "wb")) == NULL) {
        errf(err, errsize, "%s: cannot write: %s", path,
             strerror(errno));
        if (fd >= 0) close(fd);
        if (fd >= 0) remove(o->tmp);
        live_drop(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    o->path = (char *)path;
    return 0;
}

void out_abort(out_file *o)
{
    if (o->f) {
        fclose(o->f);
        remove(o->tmp);
    }
    live_drop(o->tmp);
    free(o->tmp);
    o->f = NULL;
    o->tmp = NULL;
}

int out_commit(out_file *o, char *err, size_t errsize)
{
    int bad = ferror(o->f), e = errno;
    if (!bad && (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0))
        bad = 1, e = errno;
    
#line 1091 "chapters/91-faults.nw"
if (getenv("RETINA_TEST_STOP_IN_SAVE")) raise(SIGSTOP);
#line 935 "chapters/91-faults.nw"
    int closed = fclose(o->f);
    if (!bad && closed != 0) bad = 1, e = errno;
    o->f = NULL;
    if (!bad && rename(o->tmp, o->path) != 0) bad = 1, e = errno;
    if (bad) {
        remove(o->tmp);
        errf(err, errsize, "%s: cannot write: %s", o->path,
             e ? strerror(e) : "write error");
    }
    live_drop(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    return bad ? -1 : 0;
}

int out_write(const char *path, const void *data, size_t len,
              char *err, size_t errsize)
{
    out_file o;
    if (out_open(&o, path, err, errsize)) return -1;
    size_t put = len ? fwrite(data, 1, len, o.f) : 0;
    (void)put;             /* a short write sets ferror(o.f) */
    return out_commit(&o, err, errsize);
}
#line 1023 "chapters/91-faults.nw"
static void say(const char *s)
{
    size_t n = strlen(s);
    ssize_t w = 1;
    while (n > 0 && (w = write(STDERR_FILENO, s, n)) > 0) {
        s += w;
        n -= (size_t)w;
    }
}

void out_on_signal(int sig)
{
    char num[3] = {(char)('0' + sig / 10 % 10),
                   (char)('0' + sig % 10), '\0'};
    say("\nretina "), say(out_cmd), say(": stopped by signal ");
    say(num + (sig < 10)), say("\n");
    for (int i = 0; i < OUT_LIVE; i++) {
        char *tmp = atomic_exchange(&out_live[i], NULL);
        if (tmp == NULL || unlink(tmp) != 0) continue;
        tmp[strlen(tmp) - 4] = '\0';          /* PATH.tmp -> PATH */
        say("retina "), say(out_cmd), say(": "), say(tmp);
        say(access(tmp, F_OK) == 0 ? ": left as it was"
                                   : ": not written");
        say(" (its temporary "), say(tmp), say(".tmp is removed)\n");
    }
    
#line 1071 "chapters/91-faults.nw"
struct sigaction dfl;
sigset_t set;
memset(&dfl, 0, sizeof dfl);
dfl.sa_handler = SIG_DFL;
sigemptyset(&dfl.sa_mask);
sigaction(sig, &dfl, NULL);
sigemptyset(&set);
sigaddset(&set, sig);
raise(sig);
sigprocmask(SIG_UNBLOCK, &set, NULL);
_exit(128 + sig);
#line 1049 "chapters/91-faults.nw"
}

void out_catch_signals(const char *cmd)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa, old;
    out_cmd = cmd;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = out_on_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; i++) sigaddset(&sa.sa_mask, sigs[i]);
    for (int i = 0; i < 3; i++)
        if (sigaction(sigs[i], NULL, &old) == 0
            && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
}
#line 1099 "chapters/91-faults.nw"
FILE *in_open_file(const char *path, size_t limit, const char *what,
                   char *err, size_t errsize)
{
    struct stat s;
    FILE *f = NULL;
    if (stat(path, &s) != 0 || (S_ISREG(s.st_mode)
                                && (f = fopen(path, "rb")) == NULL)) {
        errf(err, errsize, "%s: cannot open: %s", path,
             strerror(errno));
        return NULL;
    }
    if (f && fstat(fileno(f), &s) != 0) s.st_mode = 0;
    if (!S_ISREG(s.st_mode))
        errf(err, errsize, "%s: is %s; give a regular file", path,
             kind(s.st_mode));
    else if ((size_t)s.st_size > limit)
        errf(err, errsize, "%s: %lld bytes, more than the limit of %zu"
             " for %s", path, (long long)s.st_size, limit, what);
    else
        return f;
    if (f) fclose(f);
    return NULL;
}
#line 1130 "chapters/91-faults.nw"
const char *json_nul_escape(const char *text, size_t len)
{
    for (size_t i = 0; i + 6 <= len; i++)
        if (memcmp(text + i, "\\u0000", 6) == 0) {
            size_t k = 0;
            while (k < i && text[i - 1 - k] == '\\') k++;
            if (k % 2 == 0) return text + i;
        }
    return NULL;
}
#line 1147 "chapters/91-faults.nw"
char *in_read(const char *path, size_t limit, const char *what,
              int text, size_t *len, char *err, size_t errsize)
{
    struct stat s;
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
        errf(err, errsize, "%s: cannot open: %s", path,
             strerror(errno));
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    if (fstat(fd, &s) != 0 || flags == -1
        || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1) {
        errf(err, errsize, "%s: cannot read: %s", path,
             strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(s.st_mode) && !S_ISFIFO(s.st_mode)) {
        errf(err, errsize, "%s: is %s; give a regular file", path,
             kind(s.st_mode));
        close(fd);
        return NULL;
    }
    size_t cap = S_ISREG(s.st_mode) && (size_t)s.st_size < limit
                 ? (size_t)s.st_size + 1 : 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    ssize_t got = 1;
    while (buf && n <= limit && got > 0) {
        if (n == cap) {
            cap = cap > limit / 2 ? limit + 1 : cap * 2;
            char *more = realloc(buf, cap + 1);
            if (more == NULL) free(buf);
            buf = more;
            if (buf == NULL) break;
        }
        got = read(fd, buf + n, cap - n);
        if (got > 0) n += (size_t)got;
        else if (got < 0 && errno == EINTR) got = 1;
    }
    int e = errno;
    close(fd);
    const char *nul = buf && text ? memchr(buf, '\0', n) : NULL;
    if (buf == NULL || got < 0 || n > limit || nul) {
        if (buf == NULL) errf(err, errsize, "%s: out of memory", path);
        else if (got < 0)
            errf(err, errsize, "%s: cannot read: %s", path,
                 strerror(e));
        else if (n > limit)
            errf(err, errsize, "%s: more than %zu bytes, the limit for"
                 " %s", path, limit, what);
        else
            errf(err, errsize, "%s: byte %zu: a NUL byte in a text"
                 " file", path, (size_t)(nul - buf));
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

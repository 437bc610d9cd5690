#line 621 "chapters/91-faults.nw"
/* files.h: outputs that never destroy an input nor leave a file
   half-written, and inputs read within a stated limit. */
#ifndef FILES_H
#define FILES_H
#include <stddef.h>
#include <stdio.h>

/* Check, before any work, that PATH may be written as an output: a
   name that is not empty, "-" or a folder; a regular file or nothing
   yet; in a folder that exists and is writable; and not the same
   file (device and inode) as any of the N names in INPUTS (NULL
   entries are skipped).  Return 0, or set "PATH: why" in ERR and
   return EXIT_USAGE for a name that the command line alone shows to
   be wrong (empty, "-", a folder's, an input's), EXIT_FAIL for one
   the file system refuses. */
int out_check(const char *path, const char *const *inputs, int n,
              char *err, size_t errsize);
/* The same for an output folder DIR: a folder, or nothing yet in a
   folder that exists; writable; and none of INPUTS. */
int out_check_dir(const char *dir, const char *const *inputs, int n,
                  char *err, size_t errsize);

/* An output being written: F writes to TMP, PATH.tmp beside PATH. */
typedef struct { FILE *f; char *path, *tmp; } out_file;
/* Open O for PATH: refuse a PATH that is not a regular file (or
   nothing), create PATH.tmp.  Return 0, or -1 with ERR set. */
int out_open(out_file *o, const char *path, char *err,
             size_t errsize);
/* Check every write, flush, fsync and close O, and rename it to its
   PATH.  Return 0, or remove the temporary, set ERR, and return -1.
   O is closed either way. */
int out_commit(out_file *o, char *err, size_t errsize);
/* Close O and remove its temporary; PATH is untouched. */
void out_abort(out_file *o);
/* Write LEN bytes at DATA to PATH through out_open and out_commit. */
int out_write(const char *path, const void *data, size_t len,
              char *err, size_t errsize);
/* From now on, SIGINT, SIGTERM or SIGHUP removes the temporary of
   every output being written, says on stderr (as "retina CMD: ")
   which outputs it left as they were, and ends the process as the
   signal would (the shell's status 128 + signal). */
void out_catch_signals(const char *cmd);
/* That handler itself, for a handler of the caller's own that hands
   a signal SIG on to it; it does not return. */
void out_on_signal(int sig);

/* Read all of PATH, a regular file or a pipe (not a folder nor a
   device), into a new buffer with a NUL after its *LEN bytes.  More
   than LIMIT bytes is refused, naming LIMIT and WHAT it limits; with
   TEXT, so is a NUL byte.  Return the buffer, or NULL with ERR. */
char *in_read(const char *path, size_t limit, const char *what,
              int text, size_t *len, char *err, size_t errsize);

/* Report ERR for subcommand CMD as out_check's status ST says;
   return ST. */
int out_refuse(const char *cmd, int st, const char *err);
/* Open PATH for reading with stdio, when it is a regular file of at
   most LIMIT bytes (a reader that seeks cannot take a pipe); NULL,
   with ERR naming the kind or the limit, otherwise. */
FILE *in_open_file(const char *path, size_t limit, const char *what,
                   char *err, size_t errsize);
/* DIR/NAME in a new string (free it), or NULL when out of memory. */
char *path_join(const char *dir, const char *name);
/* The folder PATH is in, in a new string: "." when it has no slash,
   NULL when out of memory. */
char *path_folder(const char *path);
/* Do A and B both exist and name the same file? */
int same_file(const char *a, const char *b);
/* The first \u0000 escape in the JSON TEXT of LEN bytes, or NULL. */
const char *json_nul_escape(const char *text, size_t len);
#endif

#line 999 "chapters/90-tools.nw"
/* test-figout.c: output files, macros and the setting. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "figout.h"

int main(void)
{
    check_t c = {"figout", 0, 0};
    
#line 1020 "chapters/90-tools.nw"
char dir[] = "/tmp/figout-XXXXXX", path[64], line[64] = "";
fig_file o;
check_true(&c, mkdtemp(dir) && fig_open(&o, dir, "x.tex") == 0,
           "opens x.tex in a new directory");
fig_macro(o.f, "testValue", "%.2f", 0.125);
check_true(&c, fig_close(&o) == 0, "closes x.tex");
snprintf(path, sizeof path, "%s/x.tex", dir);
FILE *f = fopen(path, "r");
check_true(&c, f && fgets(line, sizeof line, f)
               && strcmp(line, "\\newcommand{\\testValue}{0.12}\n")
                  == 0, "the macro reads back: %s", line);
if (f) fclose(f);
remove(path);
snprintf(path, sizeof path, "%s/none", dir);
check_true(&c, fig_open(&o, path, "y.tex") != 0 && o.f == NULL,
           "a missing directory fails");
check_true(&c, remove(dir) == 0, "no file, temporary or not, is left");
#line 1010 "chapters/90-tools.nw"
    
#line 1040 "chapters/90-tools.nw"
static const struct { const char *text; int ok; double v; } t[] = {
    {"", 1, 2.0}, {"0.5", 1, 0.5}, {"3", 1, 3.0}, {"3.5", 0, 0},
    {"-1", 0, 0}, {"abc", 0, 0}, {"1x", 0, 0}, {"nan", 0, 0}};
for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
    double v = -7;
    setenv("FIGOUT_TEST", t[i].text, 1);
    int st = fig_env_double("FIGOUT_TEST", 2.0, 0, 3, &v);
    check_true(&c, (st == 0) == t[i].ok && (!t[i].ok || v == t[i].v),
               "FIGOUT_TEST='%s'", t[i].text);
}
#line 1011 "chapters/90-tools.nw"
    char m[128];
    fig_machine(m, sizeof m);
    check_true(&c, *m && strpbrk(m, "\\{}$&#^_%~\n") == NULL
                   && *fig_compiler(), "machine %s, compiler", m);
    return check_finish(&c);
}

#line 750 "chapters/90-tools.nw"
/* test-figout.c: output files, macros and the setting. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "figout.h"

static int exists(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f) fclose(f);
    return f != NULL;
}

int main(void)
{
    check_t c = {"figout", 0, 0};
    
#line 775 "chapters/90-tools.nw"
{
    char dir[] = "/tmp/figout-XXXXXX", path[64], line[64] = "";
    fig_file o;
    check_true(&c, mkdtemp(dir) != NULL, "made a directory");
    check_true(&c, fig_open(&o, dir, "x.tex") == 0, "opens x.tex");
    fig_macro(o.f, "testValue", "%.2f", 0.125);
    snprintf(path, sizeof path, "%s/x.tex", dir);
    check_true(&c, !exists(path), "no x.tex before it is closed");
    check_true(&c, fig_close(&o) == 0, "closes x.tex");
    FILE *f = fopen(path, "r");
    check_true(&c, f && fgets(line, sizeof line, f), "reads x.tex");
    if (f) fclose(f);
    check_true(&c, strcmp(line, "\\newcommand{\\testValue}{0.12}\n")
                   == 0, "the macro reads back: %s", line);
    remove(path);
    snprintf(path, sizeof path, "%s/x.tex.tmp", dir);
    check_true(&c, !exists(path), "no temporary file left");
    snprintf(path, sizeof path, "%s/none", dir);
    check_true(&c, fig_open(&o, path, "y.tex") != 0 && o.f == NULL,
               "a missing directory fails");
    check_true(&c, remove(dir) == 0, "the directory is left empty");
}
#line 768 "chapters/90-tools.nw"
    
#line 800 "chapters/90-tools.nw"
{
    static const struct { const char *text; int ok; double v; } t[] = {
        {"", 1, 2.0}, {"0.5", 1, 0.5}, {"3", 1, 3.0}, {"3.5", 0, 0},
        {"-1", 0, 0}, {"abc", 0, 0}, {"1x", 0, 0}, {"nan", 0, 0}};
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        double v = -7;
        setenv("FIGOUT_TEST", t[i].text, 1);
        int st = fig_env_double("FIGOUT_TEST", 2.0, 0, 3, &v);
        check_true(&c, (st == 0) == t[i].ok
                       && (!t[i].ok || v == t[i].v),
                   "FIGOUT_TEST='%s'", t[i].text);
    }
}
#line 769 "chapters/90-tools.nw"
    
#line 816 "chapters/90-tools.nw"
{
    char m[128];
    fig_machine(m, sizeof m);
    check_true(&c, *m && strpbrk(m, "\\{}$&#^_%~\n") == NULL,
               "a machine name without TeX specials: %s", m);
    check_true(&c, *fig_compiler() != '\0', "a compiler name");
}
#line 770 "chapters/90-tools.nw"
    return check_finish(&c);
}

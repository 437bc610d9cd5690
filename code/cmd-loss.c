#line 10 "chapters/03-focal-loss.nw"
#include "commands.h"
int cmd_loss(int argc, char **argv) { (void)argc; (void)argv; return 0; }

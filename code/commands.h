#line 25 "chapters/90-tools.nw"
/* commands.h: the subcommands of the retina program. */
#ifndef COMMANDS_H
#define COMMANDS_H
/* Each takes the arguments after the subcommand's name (argv[0] is
   the name itself) and returns the exit status: 0, 1 or 2. */
#line 1195 "chapters/03-focal-loss.nw"
int cmd_loss(int argc, char **argv);
#line 31 "chapters/90-tools.nw"
#endif

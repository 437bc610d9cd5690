#line 25 "chapters/90-tools.nw"
/* commands.h: the subcommands of the retina program. */
#ifndef COMMANDS_H
#define COMMANDS_H
/* Each takes the arguments after the subcommand's name (argv[0] is
   the name itself) and returns the exit status: 0, 1 or 2. */
#line 383 "chapters/companion/03-focal-loss.nw"
int cmd_loss(int argc, char **argv);
#line 28 "chapters/companion/06-data.nw"
int cmd_data(int argc, char **argv);
#line 1471 "chapters/companion/10-evaluation.nw"
int cmd_eval(int argc, char **argv);
#line 1110 "chapters/companion/11-training.nw"
int cmd_train(int argc, char **argv);
#line 2290 "chapters/companion/11-training.nw"
int cmd_detect(int argc, char **argv);
#line 3336 "chapters/companion/12-speed.nw"
int cmd_bench(int argc, char **argv);
#line 772 "chapters/companion/13-experiments.nw"
int cmd_report(int argc, char **argv);
int cmd_pool(int argc, char **argv);
#line 1418 "chapters/90-tools.nw"
int cmd_plot(int argc, char **argv);
#line 31 "chapters/90-tools.nw"
#endif

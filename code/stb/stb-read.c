#line 1998 "chapters/90-tools.nw"
/* stb-read.c: stb's image reader, compiled from its header where the
   system ships no library (build/stb.mk). */
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

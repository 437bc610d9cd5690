#line 2005 "chapters/90-tools.nw"
/* stb-write.c: stb's image writer, compiled from its header where the
   system ships no library (build/stb.mk). */
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

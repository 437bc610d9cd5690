#line 1995 "chapters/90-tools.nw"
/* stb-impl.c: stb's image reader and writer, compiled from their
   headers where the system ships no library (build/stb.mk). */
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#line 1870 "chapters/91-faults.nw"
/* stb-image.c: stb's decoder, built with the fuzz targets. */
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

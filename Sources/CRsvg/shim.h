// librsvg (SVG → cairo), cairo (pixels), fontconfig (a fixed font set) and zlib (PNG's deflate),
// from Debian's librsvg2-dev and its dependencies. Only BriefRaster imports this module.
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <zlib.h>

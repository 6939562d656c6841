// librsvg (SVG → cairo), cairo (PNG writing) and fontconfig (a fixed font set), from Debian's
// librsvg2-dev. Only BriefRaster imports this module.
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

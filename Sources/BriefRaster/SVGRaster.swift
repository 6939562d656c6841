import CRsvg
import Glibc

/// SVG → PNG through librsvg and cairo, with a font set fixed by Brief rather than found by
/// fontconfig on the machine, so the same SVG gives the same PNG bytes on every machine that has
/// the same Debian packages (whatever else is installed, and whatever state fontconfig's caches
/// are in).
public enum SVGRaster {
    /// The fonts cards are set in: Liberation Sans (metric twin of Arial/Helvetica, whose widths
    /// BriefCharts' text measure uses) and DejaVu Sans for scripts Liberation lacks.
    /// Debian packages fonts-liberation and fonts-dejavu-core.
    public static let fontFiles = [
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ]

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missingFont(String)
        case unreadableSVG(String)
        case render(String)

        public var description: String {
            switch self {
            case .missingFont(let path): return "font \(path) is missing (install fonts-liberation and fonts-dejavu-core)"
            case .unreadableSVG(let why): return "librsvg cannot read the card's SVG: \(why)"
            case .render(let why): return "librsvg cannot draw the card: \(why)"
            }
        }
    }

    /// The versions of librsvg, cairo and zlib linked in: part of every card's cache key, since another
    /// version may draw other pixels.
    public static let libraryVersion: String = {
        let c = String(cString: cairo_version_string())
        return "librsvg \(LIBRSVG_MAJOR_VERSION).\(LIBRSVG_MINOR_VERSION).\(LIBRSVG_MICRO_VERSION), cairo \(c), zlib \(String(cString: zlibVersion()))"
    }()

    /// Installs the fixed font set as fontconfig's current configuration, once per process and
    /// before pango first asks for fonts. Fonts are added by file (no directory scan, no cache
    /// files read or written), and the configuration has no rules: no aliases, no hinting or
    /// antialiasing preferences from /etc/fonts, so nothing on the machine changes the result.
    static let fonts: Failure? = {
        for path in fontFiles where access(path, R_OK) != 0 { return .missingFont(path) }
        guard let config = FcConfigCreate() else { return .render("fontconfig could not make a configuration") }
        for path in fontFiles where FcConfigAppFontAddFile(config, path) == 0 { return .missingFont(path) }
        FcConfigSetCurrent(config)
        return nil
    }()

    /// Why cards cannot be drawn on this machine (a font file is missing), or nil.
    public static var setupProblem: Failure? { fonts }

    /// Draws `svg` (whose root has `width` × `height` user units, and an opaque background) at
    /// that size in pixels and returns the PNG file's bytes (`PNGWriter`).
    public static func png(svg: String, width: Int, height: Int) -> Result<[UInt8], Failure> {
        if let failure = fonts { return .failure(failure) }
        var bytes = Array(svg.utf8)
        var error: UnsafeMutablePointer<GError>? = nil
        let handle: UnsafeMutablePointer<RsvgHandle>? = bytes.withUnsafeMutableBufferPointer { buffer in
            rsvg_handle_new_from_data(buffer.baseAddress, gsize(buffer.count), &error)
        }
        guard let handle else {
            let why = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if error != nil { g_error_free(error) }
            return .failure(.unreadableSVG(why))
        }
        defer { g_object_unref(gpointer(handle)) }
        rsvg_handle_set_dpi(handle, 96)
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            return .failure(.render("cairo could not make a surface"))
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { return .failure(.render("cairo could not make a context")) }
        defer { cairo_destroy(cr) }
        // White first: every pixel is opaque, which PNGWriter's RGB needs.
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(width), height: Double(height))
        if rsvg_handle_render_document(handle, cr, &viewport, &error) == 0 {
            let why = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if error != nil { g_error_free(error) }
            return .failure(.render(why))
        }
        cairo_surface_flush(surface)
        guard let pixels = cairo_image_surface_get_data(surface),
              let png = PNGWriter.png(argb: UnsafePointer(pixels), width: width, height: height,
                                      stride: Int(cairo_image_surface_get_stride(surface))) else {
            return .failure(.render("zlib could not compress the card"))
        }
        return .success(png)
    }
}

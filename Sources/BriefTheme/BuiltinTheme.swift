import Foundation

/// The default theme, compiled into `brief` from this repository's Templates/ folder by
/// `make theme` (EmbedThemeTool writes BuiltinTheme+Files.swift beside this file). A site uses
/// it for every template or static file its own Templates/ folder lacks.
public enum BuiltinTheme {
    /// Every file of the theme: path relative to the templates folder ("layout.mustache",
    /// "partials/header.mustache", "static/site.css") → bytes.
    public static let files: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        for (path, text) in textFiles { files[path] = Array(text.utf8) }
        for (path, encoded) in base64Files {
            if let data = Data(base64Encoded: encoded) { files[path] = [UInt8](data) }
        }
        return files
    }()

    /// The theme's paths, sorted.
    public static var paths: [String] { files.keys.sorted() }
}

import BriefDiagnostics

/// Escaping for strings from data or a spec on their way into HTML or SVG.
enum Escape {
    static func html(_ s: String) -> String { TextEscaping.html(s) }
}

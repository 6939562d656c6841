/// Text set in the chart: labels, titles, callouts.
enum TextMark {
    /// `<text class="…" x y text-anchor>content</text>`; `content` is already escaped markup.
    static func text(_ cls: String? = nil, x: Double, y: Double, anchor: String? = nil, _ content: String) -> String {
        var o = "<text"
        if let cls { o += " class=\"\(cls)\"" }
        o += " x=\"\(n(x))\" y=\"\(n(y))\""
        if let anchor { o += " text-anchor=\"\(anchor)\"" }
        return o + ">" + content + "</text>"
    }

    /// Escaped text, with the full text in a `<title>` when it was shortened.
    static func titled(_ t: (text: String, truncated: Bool), full: String) -> String {
        t.truncated ? "<title>\(Escape.html(full))</title>\(Escape.html(t.text))" : Escape.html(t.text)
    }
}

/// Straight rules: gridlines, the zero line, reference lines, leader lines and timeline stems.
enum RuleMark {
    /// `<line class="…" x1 x2 y1 y2/>`; no class attribute when `cls` is nil.
    static func line(_ cls: String? = nil, x1: Double, x2: Double, y1: Double, y2: Double) -> String {
        let c = cls.map { " class=\"\($0)\"" } ?? ""
        return "<line\(c) x1=\"\(n(x1))\" x2=\"\(n(x2))\" y1=\"\(n(y1))\" y2=\"\(n(y2))\"/>"
    }

    /// The zero line of a value scale, drawn over bars and areas so their baseline reads crisply.
    static func zero(_ value: LinearScale, frame f: SVGChart.Frame, horizontal: Bool) -> String {
        if horizontal {
            guard value.contains(0) else { return "" }
            return line("zero", x1: value(0), x2: value(0), y1: f.plotTop, y2: f.plotBottom)
        }
        guard value.contains(0) && (value.d0 < 0 || value.d1 > 0) else { return "" }
        let z = value(0)
        return line("zero", x1: f.plotLeft, x2: f.plotRight, y1: z, y2: z)
    }
}

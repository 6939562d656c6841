/// A tiny decorative line for a key figure on the home page. It is hidden from assistive
/// technology: the figure beside it carries the meaning.
public enum Sparkline {
    public static func svg(values: [Double?], width: Int, height: Int) -> String {
        let w = Double(max(1, width)), h = Double(max(1, height))
        let pad = 2.5
        let defined = values.compactMap { $0 }.filter(\.isFinite)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" aria-hidden=\"true\" focusable=\"false\">"
        guard let lo = defined.min(), let hi = defined.max() else { return out + "</svg>" }
        let x = LinearScale(d0: 0, d1: Double(max(1, values.count - 1)), r0: pad, r1: w - pad)
        let y = LinearScale(d0: lo, d1: hi, r0: h - pad, r1: pad)
        var d = ""
        var pen = false
        for (i, v) in values.enumerated() {
            guard let v, v.isFinite else { pen = false; continue }
            d += (pen ? "L" : "M") + Decimal.coordinate(values.count == 1 ? w / 2 : x(Double(i))) + "," + Decimal.coordinate(y(v))
            pen = true
        }
        out += "<path class=\"sparkline-line\" fill=\"none\" d=\"\(d)\"/>"
        if let last = values.lastIndex(where: { $0?.isFinite ?? false }), let v = values[last] {
            out += "<circle class=\"sparkline-dot\" cx=\"\(Decimal.coordinate(values.count == 1 ? w / 2 : x(Double(last))))\" cy=\"\(Decimal.coordinate(y(v)))\" r=\"2\"/>"
        }
        return out + "</svg>"
    }
}

/// Locale-free number printing: SVG coordinates and human figures read the same everywhere.
enum Decimal {
    /// An SVG coordinate: at most 2 decimals, trailing zeros trimmed, never "-0".
    static func coordinate(_ v: Double) -> String {
        fixed(v, decimals: 2, trim: true)
    }

    /// `v` rounded to `decimals` places (half away from zero); `trim` drops trailing zeros.
    static func fixed(_ v: Double, decimals: Int, trim: Bool = false) -> String {
        guard v.isFinite else { return "0" }
        let d = max(0, min(decimals, 12))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(v) * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the integer path loses digits; such figures do not occur in a chart,
        // but print something sensible rather than trap.
        guard scaled < 9.0e15 else { return v < 0 ? "-" + wholeDigits(abs(v)) : wholeDigits(v) }
        let n = UInt64(scaled)
        if n == 0 { return trim || d == 0 ? "0" : "0." + String(repeating: "0", count: d) }
        var digits = String(n)
        if d > 0 {
            if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
            let cut = digits.index(digits.endIndex, offsetBy: -d)
            var frac = String(digits[cut...])
            let whole = String(digits[..<cut])
            if trim { while frac.hasSuffix("0") { frac.removeLast() } }
            digits = frac.isEmpty ? whole : whole + "." + frac
        }
        return v < 0 ? "-" + digits : digits
    }

    private static func wholeDigits(_ v: Double) -> String {
        var s = v.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    /// Inserts thousands separators into the integer part of a plain decimal string
    /// ("-6798.982" → "-6,798.982"); any other text is returned as is.
    static func grouped(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if let f = body.first, f == "-" || f == "+" || f == "\u{2212}" {
            sign = String(f)
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return text
        }
        if parts.count == 2, !parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) { return text }
        var out = ""
        let chars = Array(whole)
        for (i, c) in chars.enumerated() {
            if i > 0 && (chars.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        if parts.count == 2 { out += "." + parts[1] }
        return sign + out
    }

    /// The shortest text that reads back as `v`, in plain decimal notation where reasonable.
    static func shortest(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e-4 && a < 1e15 {
            var s = v.description
            if s.contains("e") { return fixed(v, decimals: 6, trim: true) }
            if s.hasSuffix(".0") { s.removeLast(2) }
            return s
        }
        return v.description
    }
}

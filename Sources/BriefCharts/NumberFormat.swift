import BriefData

/// How a chart or table prints a figure. Names as written in specs: `number`, `integer`,
/// `percent`, `usd_millions`, `usd_millions_words`, `date_long`, `exact`.
public enum NumberFormat: String, Sendable, Hashable, CaseIterable {
    /// Grouped digits, as many decimals as the value needs: 6798.982 → "6,798.982".
    case number
    /// Rounded to a whole number, grouped: 6798.982 → "6,799".
    case integer
    /// The value is already in percent: 18.3 → "18.3%".
    case percent
    /// The value is in millions of US dollars, shown compactly: 6798.982 → "$6.8B", 450 → "$450M".
    case usdMillions = "usd_millions"
    /// The value is in millions of US dollars, in words for prose, keeping three significant
    /// digits (fewer only when the source has fewer): 6798.982 → "$6.8 billion", 108 → "$108 million".
    case usdMillionsWords = "usd_millions_words"
    /// A date written out: "2003-06-09" → "9 June 2003", "2003-06" → "June 2003".
    case dateLong = "date_long"
    /// The figure exactly as its source wrote it, with thousands separators: "6,798.982".
    case exact

    /// The format a spec names, or nil for an unknown name.
    public init?(name: String) { self.init(rawValue: name) }

    /// Every name a spec may use, for messages and suggestions.
    public static var names: [String] { allCases.map(\.rawValue) }

    public var name: String { rawValue }

    /// `v` in this format. (`exact` has no source text here, so it prints the shortest decimal.)
    public func format(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        switch self {
        case .number, .exact, .dateLong: return signed(Decimal.grouped(Decimal.shortest(v)))
        case .integer: return signed(Decimal.grouped(Decimal.fixed(v, decimals: 0)))
        case .percent: return signed(Decimal.grouped(Decimal.fixed(v, decimals: 2, trim: true))) + "%"
        case .usdMillions: return NumberFormat.compactDollars(v * 1_000_000)
        case .usdMillionsWords: return NumberFormat.dollarsInWords(v * 1_000_000)
        }
    }

    /// A cell in this format; `exact` keeps the digits the source wrote. Missing is "".
    public func format(_ value: Value) -> String {
        switch value {
        case .missing: return ""
        case .text(let t): return self == .dateLong ? NumberFormat.longDate(t) ?? t : t
        case .number(let v, let text):
            if self == .exact { return Decimal.grouped(text) }
            // A year is a date written out already.
            if self == .dateLong { return NumberFormat.longDate(text) ?? text }
            return format(v)
        }
    }

    /// A formatter for axis ticks `step` apart: every label with the same precision and unit.
    func tickFormatter(step: Double, ticks: [Double]) -> (Double) -> String {
        let decimals = Ticks.precision(step: step)
        switch self {
        case .number, .exact, .dateLong:
            return { signed(Decimal.grouped(Decimal.fixed($0, decimals: decimals))) }
        case .integer:
            return { signed(Decimal.grouped(Decimal.fixed($0, decimals: 0))) }
        case .percent:
            return { signed(Decimal.grouped(Decimal.fixed($0, decimals: decimals))) + "%" }
        case .usdMillions, .usdMillionsWords:
            let largest = ticks.map { abs($0) * 1_000_000 }.max() ?? 0
            let p = NumberFormat.prefixExponent(largest)
            let unit = Ticks.pow10(Double(p))
            let d = Ticks.precision(step: step * 1_000_000 / unit)
            let suffix = NumberFormat.suffix(p)
            return { t in
                let dollars = t * 1_000_000
                if abs(dollars) < unit * 1e-9 { return "$0" }
                let body = Decimal.fixed(abs(dollars) / unit, decimals: d)
                return (dollars < 0 ? "\u{2212}$" : "$") + Decimal.grouped(body) + suffix
            }
        }
    }

    /// Swaps a leading hyphen for a typographic minus, as d3 does.
    private func signed(_ s: String) -> String {
        if s == "-0" { return "0" }
        if s.hasPrefix("-") { return "\u{2212}" + s.dropFirst() }
        return s
    }

    /// Dollars to three significant digits with K, M, B or T, trailing zeros dropped:
    /// 6.798982e9 → "$6.8B", 1.08e8 → "$108M" (two digits made CRS's $108m read "$110M"),
    /// 6.028193e9 → "$6.03B".
    static func compactDollars(_ dollars: Double) -> String {
        guard dollars.isFinite else { return "" }
        if dollars == 0 { return "$0" }
        let a = abs(dollars)
        var e = Int(Math.log10(a).rounded(.down))
        let quantum = Ticks.pow10(Double(e - 2))
        let r = (a / quantum).rounded(.toNearestOrAwayFromZero) * quantum
        if r >= Ticks.pow10(Double(e + 1)) { e += 1 }
        let p = max(0, min(12, e >= 0 ? (e / 3) * 3 : 0))
        let decimals = max(0, p - (e - 2))
        var body = Decimal.fixed(r / Ticks.pow10(Double(p)), decimals: min(decimals, 6))
        if body.utf8.contains(0x2E) {  // bytes: String.contains(".") here is Foundation's, 20× slower
            while body.hasSuffix("0") { body.removeLast() }
            if body.hasSuffix(".") { body.removeLast() }
        }
        return (dollars < 0 ? "\u{2212}$" : "$") + Decimal.grouped(body) + suffix(p)
    }

    /// Dollars in words for prose, three significant digits, trailing zeros dropped:
    /// 6.798982e9 → "$6.8 billion", 1.2764e9 → "$1.28 billion", 1.08e8 → "$108 million",
    /// 450,000 → "$450,000".
    static func dollarsInWords(_ dollars: Double) -> String {
        guard dollars.isFinite else { return "" }
        let sign = dollars < 0 ? "\u{2212}$" : "$"
        let a = abs(dollars)
        let units: [(Double, String)] = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
        for (n, (scale, word)) in units.enumerated() {
            guard a >= scale * 0.9995 || (n == units.count - 1 && a >= 999_999.5) else { continue }
            var scaled = a / scale
            var e = Int(Math.log10(scaled).rounded(.down))
            var decimals = max(0, 2 - e)
            var body = Decimal.fixed(scaled, decimals: decimals)
            // 999.6 million rounds to 1,000 million: say $1 billion instead.
            if let value = Double(body), value >= 1000, n > 0 {
                scaled = a / units[n - 1].0
                e = Int(Math.log10(scaled).rounded(.down))
                decimals = max(0, 2 - e)
                body = Decimal.fixed(scaled, decimals: decimals)
                return sign + trimmed(body) + " " + units[n - 1].1
            }
            return sign + Decimal.grouped(trimmed(body)) + " " + word
        }
        return sign + Decimal.grouped(Decimal.fixed(a, decimals: 0))
    }

    private static func trimmed(_ body: String) -> String {
        guard body.utf8.contains(0x2E) else { return body }
        var b = body
        while b.hasSuffix("0") { b.removeLast() }
        if b.hasSuffix(".") { b.removeLast() }
        return b
    }

    /// "2003-06-09" → "9 June 2003"; "2003-06" → "June 2003"; nil for anything else.
    public static func longDate(_ text: String) -> String? {
        // Bytes, not Characters: a timeline asks this for every event of both its drawings.
        let b = Array(text.utf8)
        guard b.count == 7 || b.count == 10, b[4] == 0x2D, b.count == 7 || b[7] == 0x2D else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let year = number(0, 4), let month = number(5, 2), (1...12).contains(month) else { return nil }
        if b.count == 7 { return englishMonths[month - 1] + " " + String(year) }
        guard let day = number(8, 2), (1...31).contains(day) else { return nil }
        return String(day) + " " + englishMonths[month - 1] + " " + String(year)
    }

    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]

    static func prefixExponent(_ a: Double) -> Int {
        guard a > 0, a.isFinite else { return 0 }
        let e = Int(Math.log10(a).rounded(.down))
        return max(0, min(12, (e / 3) * 3))
    }

    static func suffix(_ p: Int) -> String {
        switch p {
        case 3: "K"
        case 6: "M"
        case 9: "B"
        case 12: "T"
        default: ""
        }
    }
}

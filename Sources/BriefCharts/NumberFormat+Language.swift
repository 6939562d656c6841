import BriefData

extension NumberFormat {
    /// A value formatted as `format(_:)` does, then written as `text`'s language writes it:
    /// its words for dollars, millions and per cent, its digits and digit grouping. The figure
    /// itself never changes: only how it is written.
    public func format(_ value: Value, in text: InterfaceText) -> String {
        if self == .dateLong {
            switch value {
            case .missing: return ""
            case .text(let t), .number(_, let t): return text.longDate(t) ?? text.number(t)
            }
        }
        return localize(format(value), in: text)
    }

    /// An English-formatted figure (`$6.8B`, `$1.03 billion`, `12.5%`, `6,798.982`) as `text` writes it.
    public func localize(_ formatted: String, in text: InterfaceText) -> String {
        if text.code == "en" && text.writesNumbersPlainly && text["number.percent"] == "{n}%" { return formatted }
        var body = Substring(formatted)
        var sign = ""
        if body.hasPrefix("\u{2212}") { sign = "\u{2212}"; body = body.dropFirst() }
        switch self {
        case .usdMillions:
            guard body.hasPrefix("$") else { return text.number(formatted) }
            body = body.dropFirst()
            let units: [(Character, String)] = [("K", "number.thousand_short"), ("M", "number.million_short"),
                                                ("B", "number.billion_short"), ("T", "number.trillion_short")]
            var unit = ""
            if let last = body.last, let key = units.first(where: { $0.0 == last })?.1 {
                unit = text[key]
                body = body.dropLast()
            }
            return text.number(text.fill(text["number.usd_compact"], ["sign": sign, "n": String(body), "unit": unit]))
                .trimmingSpacesAround
        case .usdMillionsWords:
            guard body.hasPrefix("$") else { return text.number(formatted) }
            body = body.dropFirst()
            var unit = ""
            for (word, key) in [("trillion", "number.trillion"), ("billion", "number.billion"), ("million", "number.million")]
            where body.hasSuffix(" " + word) {
                unit = text[key]
                body = body.dropLast(word.count + 1)
                break
            }
            return text.number(text.fill(text["number.usd_words"], ["sign": sign, "n": String(body), "unit": unit]))
                .trimmingSpacesAround
        case .percent:
            guard body.hasSuffix("%") else { return text.number(formatted) }
            return text.number(sign + text.fill(text["number.percent"], ["n": String(body.dropLast())]))
        default:
            return text.number(formatted)
        }
    }
}

extension String {
    /// Without leading or trailing spaces, and with runs of spaces made one (an empty `{unit}`).
    public var trimmingSpacesAround: String {
        var out = ""
        var space = false
        for c in self {
            if c == " " { space = !out.isEmpty; continue }
            if space { out.append(" ") }
            space = false
            out.append(c)
        }
        return out
    }
}

extension NumberFormat {
    /// The unit a plotted figure is given on a page in `text`'s language. A dataset's `units`
    /// are written in the site's language, like the rest of its metadata; on a page in another
    /// language (`translated`) a chart whose format says what its figures are (millions of
    /// dollars, per cent) names the unit from the page's language file instead. Any other unit
    /// is the dataset's own words, content like its column names, and stays as written.
    public func unit(_ units: String?, in text: InterfaceText, translated: Bool) -> String? {
        guard translated else { return units }
        switch self {
        case .usdMillions, .usdMillionsWords: return text["number.usd_millions_unit"]
        case .percent: return text["number.percent_unit"]
        default: return units
        }
    }

    /// A plotted figure exactly as the source wrote it (`6,798.982`, never rounded), in `text`'s
    /// digits and grouping, followed by its unit (`unit(_:in:translated:)`); a per cent figure on
    /// a translated page is written as the language writes per cent (`18.2 فیصد`).
    public func figure(_ source: String, units: String?, in text: InterfaceText, translated: Bool) -> String {
        let figure = text.number(Decimal.grouped(source))
        if translated && self == .percent { return text.fill(text["number.percent"], ["n": figure]) }
        guard let unit = unit(units, in: text, translated: translated), !unit.isEmpty else { return figure }
        return figure + " " + unit
    }
}

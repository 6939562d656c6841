/// Printing for figures computed at build time (`@change`, `@diff`, `@ratio`, claim messages).
extension NumberFormat {
    /// `v` rounded to `decimals` places, digits grouped, a typographic minus when negative and,
    /// with `plus`, a "+" when positive: 35.08 → "+35.1" (`decimals` 1).
    public static func fixed(_ v: Double, decimals: Int, plus: Bool = false, trim: Bool = false) -> String {
        let text = Decimal.grouped(Decimal.fixed(v, decimals: decimals, trim: trim))
        if text.hasPrefix("-") {
            let rest = text.dropFirst()
            // Rounded to zero: no sign at all.
            return rest.allSatisfy { $0 == "0" || $0 == "." || $0 == "," } ? String(rest) : "\u{2212}" + rest
        }
        if plus, text.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) { return "+" + text }
        return text
    }

    /// The shortest decimal that reads back as `v`, grouped, with a typographic minus.
    public static func shortest(_ v: Double) -> String {
        let text = Decimal.grouped(Decimal.shortest(v))
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }
}

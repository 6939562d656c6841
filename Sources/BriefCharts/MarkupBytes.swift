/// SVG and HTML markup built as UTF-8 bytes: appending to a byte array costs a copy, where a String
/// append of an interpolated piece costs an allocation and a UTF-8 check. Used where a drawing
/// writes an element per value (paths, points, data table cells); everything else builds Strings.
struct MarkupBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func add(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// An SVG coordinate as `n(_:)` writes it: at most two decimals, never `-0`.
    mutating func coordinate(_ v: Double) {
        Decimal.appendCoordinate(v, to: &bytes)
    }

    /// A whole number.
    mutating func int(_ i: Int) {
        if i >= 0 && i <= Int(UInt32.max) {
            Decimal.appendDigits(UInt32(i), to: &bytes)
        } else {
            Decimal.appendFixed(Double(i), decimals: 0, trim: true, to: &bytes)
        }
    }

    /// A figure as the source wrote it, digit-grouped (`Decimal.grouped`) and HTML-escaped.
    mutating func figure(_ text: String) {
        // A plain decimal is digits, a sign, a point and commas: nothing to escape.
        let start = bytes.count
        if !Decimal.appendGrouped(text, to: &bytes) {
            bytes.removeSubrange(start...)
            add(Escape.html(text))
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// What a `Range` header asks of a file: all of it, one satisfiable slice, or nothing we will give.
/// One range is served (206); several ranges, or one that cannot be met, are refused (416) rather
/// than answered with a multipart body nobody previewing a site needs.
enum ByteRange: Equatable {
    case whole
    case partial(ClosedRange<Int>)
    case unsatisfiable

    /// Reads `header` against a file of `size` bytes. No header, or a unit other than bytes,
    /// means the whole file (RFC 9110 §14.2 lets a server ignore ranges it does not support).
    static func resolve(_ header: String?, size: Int) -> ByteRange {
        guard let header else { return .whole }
        let text = header.trimmingSpaces
        guard let equals = text.firstIndex(of: "=") else { return .unsatisfiable }
        guard text[..<equals].trimmingSpaces.lowercased() == "bytes" else { return .whole }
        let spec = text[text.index(after: equals)...].trimmingSpaces
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-"), size > 0 else { return .unsatisfiable }
        let first = spec[..<dash].trimmingSpaces
        let last = spec[spec.index(after: dash)...].trimmingSpaces

        if first.isEmpty {
            // A suffix: the last n bytes. "-0" asks for nothing and cannot be met.
            guard let count = number(last), count > 0 else { return .unsatisfiable }
            return .partial(max(0, size - count)...(size - 1))
        }
        guard let start = number(first), start < size else { return .unsatisfiable }
        if last.isEmpty { return .partial(start...(size - 1)) }
        guard let end = number(last), end >= start else { return .unsatisfiable }
        return .partial(start...min(end, size - 1))
    }

    /// A non-negative decimal; numbers too long to be a file offset read as Int.max.
    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return text.count > 18 ? Int.max : Int(text)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

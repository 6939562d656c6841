/// Reads numbers written as plain decimals, the same way in every locale:
/// `[+-]?(digits(.digits)?|.digits)([eE][+-]?digits)?`, nothing else (no thousands separators,
/// currency signs, percent, spaces, hex, `nan` or `inf`).
public enum PlainNumber {
    /// The value of `text`, or nil when it is not a plain decimal or does not fit in a Double.
    public static func parse(_ text: String) -> Double? {
        withUTF8Bytes(of: text) { parse($0) }
    }

    /// Whether `text` is a four-digit year such as 2024.
    public static func isYear(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.count == 4 && utf8.allSatisfy(ASCII.isDigit)
    }

    // Powers of ten that a Double holds exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        var i = 0
        var negative = false
        if i < n && (bytes[i] == ASCII.plus || bytes[i] == ASCII.minus) {
            negative = bytes[i] == ASCII.minus
            i += 1
        }
        var mantissa: UInt64 = 0
        var exact = true
        var integerDigits = 0
        while i < n && ASCII.isDigit(bytes[i]) {
            accumulate(bytes[i], into: &mantissa, exact: &exact)
            integerDigits += 1
            i += 1
        }
        var fractionDigits = 0
        if i < n && bytes[i] == ASCII.dot {
            i += 1
            while i < n && ASCII.isDigit(bytes[i]) {
                accumulate(bytes[i], into: &mantissa, exact: &exact)
                fractionDigits += 1
                i += 1
            }
            if fractionDigits == 0 { return nil }
        }
        if integerDigits == 0 && fractionDigits == 0 { return nil }
        var hasExponent = false
        if i < n && (bytes[i] == ASCII.lowerE || bytes[i] == ASCII.upperE) {
            hasExponent = true
            i += 1
            if i < n && (bytes[i] == ASCII.plus || bytes[i] == ASCII.minus) { i += 1 }
            let digitsStart = i
            while i < n && ASCII.isDigit(bytes[i]) { i += 1 }
            if i == digitsStart { return nil }
        }
        if i != n { return nil }
        // Clinger's fast path: an exact integer divided by an exact power of ten rounds correctly.
        if exact && !hasExponent && fractionDigits < exactPowersOfTen.count {
            let value = Double(mantissa) / exactPowersOfTen[fractionDigits]
            return negative ? -value : value
        }
        // The stdlib reads with the C locale, never the user's, and rounds correctly.
        guard let value = Double(bytes.string(0..<n)), value.isFinite else { return nil }
        return value
    }

    @inline(__always)
    private static func accumulate(_ digit: UInt8, into mantissa: inout UInt64, exact: inout Bool) {
        guard exact else { return }
        mantissa = mantissa &* 10 &+ UInt64(digit &- ASCII.zero)
        if mantissa > 1 << 53 { exact = false }
    }

    /// `text` rewritten as a JSON number (`+5` → `5`, `.5` → `0.5`, `007` → `7`), or nil when it
    /// is not a plain decimal.
    static func jsonText(_ text: String) -> String? {
        guard parse(text) != nil else { return nil }
        var bytes = Array(text.utf8)
        var sign: [UInt8] = []
        if let first = bytes.first, first == ASCII.plus || first == ASCII.minus {
            if first == ASCII.minus { sign = [ASCII.minus] }
            bytes.removeFirst()
        }
        var integerEnd = 0
        while integerEnd < bytes.count && ASCII.isDigit(bytes[integerEnd]) { integerEnd += 1 }
        var integer = Array(bytes[0..<integerEnd])
        while integer.count > 1 && integer[0] == ASCII.zero { integer.removeFirst() }
        if integer.isEmpty { integer = [ASCII.zero] }
        return String(decoding: sign + integer + bytes[integerEnd...], as: UTF8.self)
    }
}

/// A calendar date written `YYYY-MM-DD`, or a month written `YYYY-MM` (day nil).
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int?

    public init?(year: Int, month: Int, day: Int? = nil) {
        guard (0...9999).contains(year), (1...12).contains(month) else { return nil }
        if let day, !(1...CalendarDate.daysIn(month: month, year: year)).contains(day) { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` or `YYYY-MM`; nil for any other shape or an impossible date.
    public init?(parsing text: String) {
        let parts: (Int, Int, Int?)? = withUTF8Bytes(of: text) { b in
            guard CalendarDate.hasDateShape(b) else { return nil }
            func number(_ range: Range<Int>) -> Int {
                b[range].reduce(0) { $0 * 10 + Int($1 &- ASCII.zero) }
            }
            return (number(0..<4), number(5..<7), b.count == 10 ? number(8..<10) : nil)
        }
        guard let (year, month, day) = parts else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Whether `text` is shaped `dddd-dd` or `dddd-dd-dd`, valid or not.
    static func hasDateShape(_ text: String) -> Bool { withUTF8Bytes(of: text) { hasDateShape($0) } }

    private static func hasDateShape(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 7 || b.count == 10 else { return false }
        for (k, byte) in b.enumerated() {
            let isDash = k == 4 || k == 7
            if isDash ? byte != ASCII.minus : !ASCII.isDigit(byte) { return false }
        }
        return true
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (the first of the month when `day` is nil), for time scales.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + (day ?? 1) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date as written: `YYYY-MM-DD` or `YYYY-MM`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let yearMonth = pad(year, 4) + "-" + pad(month, 2)
        return day.map { yearMonth + "-" + pad($0, 2) } ?? yearMonth
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day ?? 0) < (b.year, b.month, b.day ?? 0)
    }
}

extension Value {
    /// The cell as a calendar date, when it is one.
    public var date: CalendarDate? {
        if case .text(let text) = self { return CalendarDate(parsing: text) }
        return nil
    }
}

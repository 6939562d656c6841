/// A date format written like strftime: `%Y-%m-%d`, `%b %d %Y`, `%d/%m/%Y %H:%M`, `%Y Q%q`.
///
/// Directives: `%Y` four-digit year, `%y` two-digit year (69–99 → 1900s, 00–68 → 2000s, as
/// POSIX strptime), `%m` month 1–12, `%d`/`%e` day, `%b` month name or its first three letters
/// (any case, `Sept` too), `%B` the same, `%H` hour 0–23, `%M` minute, `%S` second, `%q`
/// quarter 1–4, `%%` a percent sign. A space matches one or more spaces; anything else must
/// match exactly. Day and month may be one or two digits.
public struct DateFormat: Sendable, Hashable, CustomStringConvertible {
    enum Part: Hashable {
        case literal(UInt8)
        case space
        case year4, year2, month, day, monthName, hour, minute, second, quarter
    }

    let parts: [Part]
    /// The format as written.
    public let pattern: String

    /// Reads a pattern; nil (with the reason) when it uses an unknown directive or cannot name
    /// a year.
    public static func parse(_ pattern: String) -> Result<DateFormat, DateFormatError> {
        var parts: [Part] = []
        var bytes = Array(pattern.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == 0x25 {  // %
                guard let d = bytes.popFirst() else { return .failure(.danglingPercent) }
                switch d {
                case UInt8(ascii: "Y"): parts.append(.year4)
                case UInt8(ascii: "y"): parts.append(.year2)
                case UInt8(ascii: "m"): parts.append(.month)
                case UInt8(ascii: "d"), UInt8(ascii: "e"): parts.append(.day)
                case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "h"): parts.append(.monthName)
                case UInt8(ascii: "H"): parts.append(.hour)
                case UInt8(ascii: "M"): parts.append(.minute)
                case UInt8(ascii: "S"): parts.append(.second)
                case UInt8(ascii: "q"): parts.append(.quarter)
                case 0x25: parts.append(.literal(0x25))
                default: return .failure(.unknownDirective(String(decoding: [0x25, d], as: UTF8.self)))
                }
            } else if byte == 0x20 {
                if parts.last != .space { parts.append(.space) }
            } else {
                parts.append(.literal(byte))
            }
        }
        guard parts.contains(.year4) || parts.contains(.year2) else { return .failure(.noYear) }
        return .success(DateFormat(parts: parts, pattern: pattern))
    }

    init(parts: [Part], pattern: String) {
        self.parts = parts
        self.pattern = pattern
    }

    public var description: String { pattern }

    /// The moment `text` names, or nil when it does not follow the format or is impossible.
    public func read(_ text: String) -> DateTime? {
        var year: Int?, month: Int?, day: Int?, quarter: Int?
        var hour = 0, minute = 0, second = 0
        var hasTime = false
        let b = Array(text.utf8)
        var i = 0
        func digits(min: Int, max: Int) -> Int? {
            var value = 0, count = 0
            while i < b.count, count < max, b[i] >= 0x30, b[i] <= 0x39 {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
                count += 1
            }
            return count >= min ? value : nil
        }
        for part in parts {
            switch part {
            case .literal(let c):
                guard i < b.count, b[i] == c else { return nil }
                i += 1
            case .space:
                guard i < b.count, b[i] == 0x20 else { return nil }
                while i < b.count, b[i] == 0x20 { i += 1 }
            case .year4:
                guard let y = digits(min: 4, max: 4) else { return nil }
                year = y
            case .year2:
                guard let y = digits(min: 2, max: 2) else { return nil }
                year = y < 69 ? 2000 + y : 1900 + y
            case .month:
                guard let m = digits(min: 1, max: 2) else { return nil }
                month = m
            case .day:
                guard let d = digits(min: 1, max: 2) else { return nil }
                day = d
            case .quarter:
                guard let q = digits(min: 1, max: 1), (1...4).contains(q) else { return nil }
                quarter = q
            case .hour:
                guard let h = digits(min: 1, max: 2), h < 24 else { return nil }
                hour = h
                hasTime = true
            case .minute:
                guard let m = digits(min: 2, max: 2), m < 60 else { return nil }
                minute = m
                hasTime = true
            case .second:
                guard let s = digits(min: 2, max: 2), s < 60 else { return nil }
                second = s
                hasTime = true
            case .monthName:
                var end = i
                while end < b.count, (b[end] | 0x20) >= 0x61, (b[end] | 0x20) <= 0x7A { end += 1 }
                guard let m = DateFormat.month(named: b[i..<end]) else { return nil }
                month = m
                i = end
                if i < b.count, b[i] == 0x2E { i += 1 }  // "Jan." as some publishers write it
            }
        }
        guard i == b.count, let year else { return nil }
        if let quarter {
            guard month == nil, day == nil else { return nil }
            return CalendarDate(year: year, month: quarter * 3 - 2).map { DateTime(date: $0, precision: .quarter) }
        }
        guard let month else {
            return day == nil ? CalendarDate(year: year, month: 1).map { DateTime(date: $0, precision: .year) } : nil
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        if hasTime {
            guard day != nil else { return nil }
            return DateTime(date: date, precision: .time, seconds: hour * 3600 + minute * 60 + second)
        }
        return DateTime(date: date, precision: day == nil ? .month : .day)
    }

    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]

    /// A month by its English name or the name's first three letters (and `Sept`), any case.
    static func month(named bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= 3 else { return nil }
        let name = String(decoding: bytes.map { $0 | 0x20 }, as: UTF8.self)
        if name == "sept" { return 9 }
        for (k, full) in monthNames.enumerated() where full == name || (name.count == 3 && full.hasPrefix(name)) {
            return k + 1
        }
        return nil
    }

    /// ISO 8601 dates with times, read in every date column like `YYYY-MM-DD`.
    static let isoTimes: [DateFormat] = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .compactMap { try? DateFormat.parse($0).get() }

    /// The unambiguous formats Brief recognises without a declaration, in the order tried.
    /// (`YYYY-MM-DD` and `YYYY-MM` are read by `CalendarDate` before these.)
    public static let inferred: [DateFormat] = [
        "%Y/%m/%d", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S",
        "%b %d %Y", "%b %d, %Y", "%d %b %Y", "%b %Y", "%Y Q%q", "%Y-Q%q", "Q%q %Y",
    ].compactMap { try? DateFormat.parse($0).get() }

    /// Whether `text` looks like `01/02/2003`: day and month in an order only the publisher knows.
    public static func isAmbiguous(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var groups: [Int] = [], count = 0
        var separator: UInt8?
        for byte in b {
            if byte >= 0x30 && byte <= 0x39 {
                count += 1
            } else if byte == 0x2F || byte == 0x2D || byte == 0x2E {
                guard separator == nil || separator == byte, count > 0 else { return false }
                separator = byte
                groups.append(count)
                count = 0
            } else {
                return false
            }
        }
        groups.append(count)
        return groups.count == 3 && groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || groups[2] == 2)
    }

    /// The two readings of an ambiguous date with its separator, e.g. `%d/%m/%Y` and `%m/%d/%Y`.
    public static func readings(ofAmbiguous text: String) -> [DateFormat] {
        let separator = text.utf8.first { $0 == 0x2F || $0 == 0x2D || $0 == 0x2E } ?? 0x2F
        let s = String(decoding: [separator], as: UTF8.self)
        let lastGroup = text.utf8.split(separator: separator).last?.count ?? 4
        let year = lastGroup == 2 ? "%y" : "%Y"
        return ["%d\(s)%m\(s)\(year)", "%m\(s)%d\(s)\(year)"].compactMap { try? DateFormat.parse($0).get() }
    }
}

/// Why a `format:` pattern was refused.
public enum DateFormatError: Error, Sendable, Hashable {
    case danglingPercent
    case unknownDirective(String)
    case noYear

    public var message: String {
        switch self {
        case .danglingPercent: "ends with a lone '%'"
        case .unknownDirective(let d): "uses \(d), which Brief does not know"
        case .noYear: "has no year (%Y or %y)"
        }
    }
}

/// A moment on the time axis: a calendar date (the first day of its month, quarter or year
/// when the source gave no day) and, for times, seconds after midnight. No time zone: figures
/// are placed as their source wrote them.
public struct DateTime: Sendable, Hashable, Comparable {
    public enum Precision: Int, Sendable, Hashable { case year, quarter, month, day, time }

    public var date: CalendarDate
    public var precision: Precision
    public var seconds: Int

    public init(date: CalendarDate, precision: Precision, seconds: Int = 0) {
        self.date = date
        self.precision = precision
        self.seconds = seconds
    }

    /// Days since 1970-01-01, with the time of day as a fraction.
    public var days: Double { Double(date.daysSinceEpoch) + Double(seconds) / 86_400 }

    public static func < (a: DateTime, b: DateTime) -> Bool { a.days < b.days }
}

import BriefData

/// Which scale the x column gets: bars always take categories (a band scale); lines, areas
/// and dots take a position scale that follows the column's type.
enum XAxisKind: Hashable {
    /// Text (or any column of a bar chart): one slot per distinct value, in the data's order.
    case categorical
    /// Numbers: a linear scale with d3's ticks.
    case linear
    /// Years: a linear scale whose ticks are whole years, printed without separators.
    case year
    /// YYYY-MM-DD dates: a time scale, positions in days since 1970-01-01.
    case date

    init(kind: ChartSpec.Kind, column: Column) {
        if kind.traits.categoricalX { self = .categorical; return }
        switch column.type {
        case .text: self = .categorical
        case .number: self = .linear
        case .year: self = .year
        case .date: self = .date
        }
    }

    /// The position a cell takes on a numeric axis (nil for categories or unreadable cells);
    /// dates are read with their column's format, in days since 1970-01-01.
    static func numeric(_ value: Value, axis: XAxisKind, format: DateFormat? = nil) -> Double? {
        switch axis {
        case .categorical: return nil
        case .linear, .year:
            if let n = value.number { return n }
            return SpecReader.parseNumber(value.text)
        case .date:
            return Column.dateTime(value.text, format: format)?.days
        }
    }

    /// Where an annotation's x lands: a category's text or a numeric position; nil if it can't.
    /// A date may be written as the column writes its dates, or as YYYY-MM-DD.
    static func position(of text: String, axis: XAxisKind, column: Column) -> Double? {
        position(of: text, axis: axis, format: column.dateFormat, isCategory: { t in
            column.values.contains { !$0.isMissing && $0.text == t }
        })
    }

    static func position(of text: String, axis: XAxisKind, format: DateFormat?, isCategory: (String) -> Bool) -> Double? {
        switch axis {
        case .categorical: return isCategory(text) ? 0 : nil
        case .linear, .year: return SpecReader.parseNumber(text)
        case .date: return Column.dateTime(text.trimmingSpaces, format: format)?.days
        }
    }
}

/// A proleptic Gregorian date, converted to and from days since 1970-01-01 (H. Hinnant's
/// algorithms), so dates need no Foundation and no time zone.
struct CivilDate: Hashable {
    var year: Int, month: Int, day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads YYYY-MM-DD, or YYYY-MM as the first of that month (as BriefData accepts both).
    init?(_ text: String) {
        var parts = text.trimmingSpaces.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2 { parts.append("01") }
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y) else { return nil }
        year = y
        month = m
        day = d
    }

    init(days: Int) {
        let date = CalendarDate(days: days)
        year = date.year
        month = date.month
        day = date.day ?? 1
    }

    var days: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

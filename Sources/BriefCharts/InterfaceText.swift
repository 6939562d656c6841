import BriefData

/// One language's interface text (`Templates/i18n/<code>.yml`) and how it writes numbers and
/// dates. Every word the theme and the generated HTML show a reader comes from here, so a
/// language file translates all of it; Swift code holds keys, never English.
public struct InterfaceText: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable, CaseIterable { case ltr, rtl }
    /// Western (0–9) or Eastern Arabic digits as Urdu and Persian write them (U+06F0–U+06F9).
    public enum Digits: String, Sendable, Hashable, CaseIterable {
        case western
        case easternArabic = "eastern-arabic"
    }
    /// Thousands (`12,345,678`) or the South Asian lakh and crore grouping (`1,23,45,678`).
    public enum Grouping: String, Sendable, Hashable, CaseIterable { case thousands, lakh }

    /// The fields live in one shared box: a figure's drawing passes its language to every axis,
    /// label and point, and a copy then costs one retain instead of one per string and table.
    /// Setting a field copies the box first when it is shared (copy on write).
    final class Storage: @unchecked Sendable {
        var code: String
        var name: String
        var direction: Direction
        var digits: Digits
        var grouping: Grouping
        var months: [String]
        var shortMonths: [String]
        var dateFormat: String
        var monthFormat: String
        var strings: [String: String]
        var path: String

        init(code: String, name: String, direction: Direction, digits: Digits, grouping: Grouping, months: [String],
             shortMonths: [String], dateFormat: String, monthFormat: String, strings: [String: String], path: String) {
            self.code = code
            self.name = name
            self.direction = direction
            self.digits = digits
            self.grouping = grouping
            self.months = months
            self.shortMonths = shortMonths
            self.dateFormat = dateFormat
            self.monthFormat = monthFormat
            self.strings = strings
            self.path = path
        }

        func copy() -> Storage {
            Storage(code: code, name: name, direction: direction, digits: digits, grouping: grouping, months: months,
                    shortMonths: shortMonths, dateFormat: dateFormat, monthFormat: monthFormat, strings: strings, path: path)
        }
    }

    private var storage: Storage

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The language tag, `en` or `ur`.
    public var code: String {
        get { storage.code }
        set { unique().code = newValue }
    }
    /// The language's own name (`English`, `اردو`), for the language switcher.
    public var name: String {
        get { storage.name }
        set { unique().name = newValue }
    }
    public var direction: Direction {
        get { storage.direction }
        set { unique().direction = newValue }
    }
    public var digits: Digits {
        get { storage.digits }
        set { unique().digits = newValue }
    }
    public var grouping: Grouping {
        get { storage.grouping }
        set { unique().grouping = newValue }
    }
    /// January … December in this language.
    public var months: [String] {
        get { storage.months }
        set { unique().months = newValue }
    }
    /// The months as a date axis writes them ("Jan" … "Dec"); the full names when the file has none.
    public var shortMonths: [String] {
        get { storage.shortMonths }
        set { unique().shortMonths = newValue }
    }
    /// How a full date is written: `{day}`, `{month}` and `{year}` placeholders.
    public var dateFormat: String {
        get { storage.dateFormat }
        set { unique().dateFormat = newValue }
    }
    /// How a month is written: `{month}` and `{year}`.
    public var monthFormat: String {
        get { storage.monthFormat }
        set { unique().monthFormat = newValue }
    }
    /// key → text; `{name}` placeholders are filled by `format(_:_:)`.
    public var strings: [String: String] {
        get { storage.strings }
        set { unique().strings = newValue }
    }
    /// The language file, for diagnostics.
    public var path: String {
        get { storage.path }
        set { unique().path = newValue }
    }

    public init(code: String, name: String, direction: Direction, digits: Digits, grouping: Grouping,
                months: [String], dateFormat: String, monthFormat: String, strings: [String: String], path: String,
                shortMonths: [String]? = nil) {
        storage = Storage(code: code, name: name, direction: direction, digits: digits, grouping: grouping, months: months,
                          shortMonths: shortMonths ?? months, dateFormat: dateFormat, monthFormat: monthFormat,
                          strings: strings, path: path)
    }

    public static func == (a: InterfaceText, b: InterfaceText) -> Bool {
        a.storage === b.storage || (a.code == b.code && a.name == b.name && a.direction == b.direction && a.digits == b.digits
            && a.grouping == b.grouping && a.months == b.months && a.shortMonths == b.shortMonths
            && a.dateFormat == b.dateFormat && a.monthFormat == b.monthFormat && a.strings == b.strings && a.path == b.path)
    }

    public func hash(into h: inout Hasher) {
        h.combine(code); h.combine(name); h.combine(direction); h.combine(digits); h.combine(grouping)
        h.combine(months); h.combine(shortMonths); h.combine(dateFormat); h.combine(monthFormat)
        h.combine(strings); h.combine(path)
    }

    /// No language loaded: every lookup shows its key. For code paths that are given a real
    /// language before they render (a language file is required for every build).
    public static let placeholder = InterfaceText(
        code: "und", name: "und", direction: .ltr, digits: .western, grouping: .thousands, months: [],
        dateFormat: "{year}-{month}-{day}", monthFormat: "{year}-{month}", strings: [:], path: "")

    /// The text of `key`. Language files are checked for every key when they are loaded
    /// (`requiredKeys`), so a missing key here is a bug: it shows as the key itself, never a crash.
    public subscript(_ key: String) -> String { strings[key] ?? key }

    /// The text of `key` with `{name}` placeholders filled in.
    public func format(_ key: String, _ values: [String: String]) -> String {
        fill(self[key], values)
    }

    func fill(_ template: String, _ values: [String: String]) -> String {
        fill(template) { values[$0] }
    }

    /// `template` with each `{name}` replaced by `value(name)`; a name it has no value for stays
    /// as written.
    func fill(_ template: String, _ value: (String) -> String?) -> String {
        // Bytes: `{` and `}` are ASCII, so a placeholder never splits a character.
        var template = template
        return template.withUTF8 { t -> String in
            guard let first = t.firstIndex(of: 0x7B) else { return String(decoding: t, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(t.count + 64)
            out.append(contentsOf: t[..<first])
            var i = first
            while i < t.count {
                let b = t[i]
                guard b == 0x7B, let close = t[(i + 1)...].firstIndex(of: 0x7D),
                      let found = value(String(decoding: t[(i + 1)..<close], as: UTF8.self)) else {
                    out.append(b)
                    i += 1
                    continue
                }
                var v = found
                v.withUTF8 { out.append(contentsOf: $0) }
                i = close + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether this language writes numbers as English does: then nothing is rewritten.
    public var writesNumbersPlainly: Bool { digits == .western && grouping == .thousands }

    /// A figure as this language writes it: digit groups regrouped (lakh), digits mapped.
    /// Takes text already grouped the Western way (`6,798.982`, `$1.2B`, `−12.5%`).
    public func number(_ text: String) -> String {
        if writesNumbersPlainly { return text }
        var t = text
        if grouping == .lakh { t = Self.regroupLakh(t) }
        if digits == .easternArabic { t = Self.easternArabic(t) }
        return t
    }

    /// Regroups every run of comma-grouped digits the South Asian way: the last three digits,
    /// then twos (`12,345,678` → `1,23,45,678`). Digits after a decimal point are left alone.
    static func regroupLakh(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 4)
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while i < bytes.count {
            guard isDigit(bytes[i]), i == 0 || (bytes[i - 1] != 0x2E && !isDigit(bytes[i - 1])) else {
                out.append(bytes[i]); i += 1; continue
            }
            // A whole number: digits with commas between groups.
            var digits: [UInt8] = []
            var j = i
            while j < bytes.count && (isDigit(bytes[j]) || (bytes[j] == 0x2C && j + 1 < bytes.count && isDigit(bytes[j + 1]) && !digits.isEmpty)) {
                if bytes[j] != 0x2C { digits.append(bytes[j]) }
                j += 1
            }
            if digits.count <= 3 || !bytes[i..<j].contains(0x2C) && digits.count < 5 {
                out += bytes[i..<j]
            } else {
                let n = digits.count
                for (k, d) in digits.enumerated() {
                    let left = n - k  // digits from here to the end
                    if k > 0 && (left == 3 || (left > 3 && (left - 3) % 2 == 0)) { out.append(0x2C) }
                    out.append(d)
                }
            }
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ASCII digits as Extended Arabic-Indic digits (U+06F0…, the forms Urdu uses), the decimal
    /// point as U+066B and the group comma as U+066C.
    static func easternArabic(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (k, s) in scalars.enumerated() {
            let v = s.value
            let digitBefore = k > 0 && (0x30...0x39).contains(scalars[k - 1].value)
            let digitAfter = k + 1 < scalars.count && (0x30...0x39).contains(scalars[k + 1].value)
            if (0x30...0x39).contains(v), let d = Unicode.Scalar(0x06F0 + v - 0x30) {
                out.append(d)
            } else if v == 0x2E && digitBefore && digitAfter, let sep = Unicode.Scalar(0x066B) {
                out.append(sep)
            } else if v == 0x2C && digitBefore && digitAfter, let sep = Unicode.Scalar(0x066C) {
                out.append(sep)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// A date (`year`, `month` 1–12, `day`) written out: "3 July 2022", "3 جولائی 2022".
    public func date(year: Int, month: Int, day: Int) -> String {
        guard months.indices.contains(month - 1) else { return "\(year)-\(month)-\(day)" }
        return number(fill(dateFormat) { key in
            key == "day" ? String(day) : key == "month" ? months[month - 1] : key == "year" ? String(year) : nil
        })
    }

    /// A month written out: "July 2022".
    public func month(year: Int, month: Int) -> String {
        guard months.indices.contains(month - 1) else { return "\(year)-\(month)" }
        return number(fill(monthFormat) { key in key == "month" ? months[month - 1] : key == "year" ? String(year) : nil })
    }

    /// `YYYY-MM-DD` or `YYYY-MM` written out, or nil for any other text.
    public func longDate(_ text: String) -> String? {
        // Bytes, not Characters: a timeline asks this for every event of both its drawings.
        var text = text
        let parts = text.withUTF8 { b -> (year: Int, month: Int, day: Int?)? in
            func digits(_ range: Range<Int>) -> Int? {
                guard !range.isEmpty, range.count <= 18 else { return nil }
                var v = 0
                for i in range {
                    guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                    v = v * 10 + Int(b[i] - 0x30)
                }
                return v
            }
            guard b.count >= 7, b[4] == 0x2D, let year = digits(0..<4), let month = digits(5..<7), (1...12).contains(month)
            else { return nil }
            if b.count == 7 { return (year, month, nil) }
            guard b[7] == 0x2D, let day = digits(8..<b.count), (1...31).contains(day) else { return nil }
            return (year, month, day)
        }
        guard let parts else { return nil }
        guard let day = parts.day else { return month(year: parts.year, month: parts.month) }
        return date(year: parts.year, month: parts.month, day: day)
    }

    /// A list joined as this language joins it: "a, b and c".
    public func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return format("list.and", ["first": items.dropLast().joined(separator: self["list.separator"]), "last": last])
    }

    /// The keys the Swift code uses; every language file must define them (the templates' keys
    /// are checked against the file by the template checker).
    public static let requiredKeys: [String] = [
        "chart.data_summary", "chart.no_data", "chart.source", "chart.download_csv", "chart.download_full_csv",
        "chart.rows_not_shown", "chart.rows_shown", "chart.kind.line", "chart.kind.area", "chart.kind.stacked_area",
        "chart.kind.scatter", "chart.kind.bar", "chart.kind.stacked_bar", "chart.kind.horizontal_bar",
        "chart.kind.stacked_horizontal_bar", "chart.describe.of", "chart.describe.per_series", "chart.describe.empty",
        "chart.describe.span", "chart.describe.single", "chart.describe.series_none", "chart.describe.series_one",
        "chart.describe.series", "chart.describe.missing", "chart.describe.binned", "chart.describe.no_series",
        "chart.kind.slope", "chart.kind.range", "chart.kind.timeline", "chart.describe.facets",
        "chart.describe.slope", "chart.describe.slope_series", "chart.describe.range", "chart.describe.range_row",
        "chart.describe.range_row_higher", "chart.describe.timeline_empty", "chart.describe.timeline_one",
        "chart.describe.timeline_many", "chart.describe.timeline_event", "chart.describe.timeline_last_event",
        "chart.describe.timeline_rest", "chart.describe.timeline_undated_one", "chart.describe.timeline_undated_many",
        "chart.page_link", "chart.point", "chart.point_single",
        "list.and", "list.separator",
        "number.usd_compact", "number.usd_words", "number.thousand_short", "number.million_short",
        "number.billion_short", "number.trillion_short", "number.million", "number.billion", "number.trillion",
        "number.percent", "number.usd_millions_unit", "number.percent_unit",
        // Written by BriefSite: footnote and figure marks, dataset pages, chart pages, social
        // cards, citations and the changes page.
        "figure.note", "figure.low_confidence", "figure.low_confidence_title",
        "figure.derived_change", "figure.derived_diff", "figure.derived_ratio",
        "dataset.table_pages", "dataset.previous_rows", "dataset.next_rows", "dataset.rows_page", "dataset.listed_note",
        "page.dataset_rows", "page.dataset_description", "page.dataset_caveats", "page.chart_description", "page.card_alt", "page.card_alt_chart", "chart_page.embed_relative",
        "citation.no_date", "citation.two", "citation.three", "citation.et_al", "citation.name_separator",
        "citation.last_name_separator", "citation.et_al_list", "citation.editor", "citation.editors", "citation.in",
        "citation.edited_by", "citation.number", "citation.accessed",
        "changes.against", "changes.chart_in", "changes.new_chart", "changes.spec_changed", "changes.data_changed",
        "changes.rows_changed", "changes.new_dataset", "changes.rows", "changes.dataset_removed", "changes.no_drawing",
        "changes.not_drawn",
    ]
}

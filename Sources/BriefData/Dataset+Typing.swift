import BriefDiagnostics

/// A column as read from the file, before typing: its cells' text, nil where the cell is absent
/// (a short CSV row, a JSON null or a missing key).
struct RawColumn {
    var name: String
    var cells: [String?]
}

extension Dataset {
    /// Types the raw columns (declared in the metadata, else inferred), applies labels and units,
    /// and checks the metadata's column names against the data. `locate(row, column)` gives a
    /// cell's place for messages.
    static func assemble(
        name: String, path: String, metadata: DatasetMetadata, raw: [RawColumn],
        problems: inout Problems, locate: (Int, Int) -> Problems.Place
    ) -> Dataset {
        var columns: [Column] = []
        columns.reserveCapacity(raw.count)
        // The typer keeps `locate` only while it types, so it never really escapes.
        withoutActuallyEscaping(locate) { locate in
            for (index, rawColumn) in raw.enumerated() {
                if problems.isOverflowing { break }
                let declaration = metadata.columns[rawColumn.name]
                var typer = CellTyper(
                    column: rawColumn.name, declared: declaration?.type, format: declaration?.dateFormat,
                    layout: metadata.layout, problems: problems,
                    locate: { row in locate(row, index) })
                let typed = typer.type(rawColumn.cells)
                problems = typer.problems
                columns.append(Column(
                    name: rawColumn.name, type: typed.type, label: declaration?.label,
                    unit: declaration?.unit ?? (typed.percent ? "%" : nil),
                    values: typed.values, dateFormat: typed.format))
            }
        }
        let names = raw.map(\.name)
        let known = Set(names)
        for columnName in metadata.columns.keys.sorted() where !known.contains(columnName) {
            let location = metadata.columns[columnName]?.location
                ?? SourceLocation(path: metadata.path.isEmpty ? path : metadata.path, line: 1, column: 1)
            let hint = Suggestion.hint(for: columnName, in: names)
                ?? (names.count <= 12 ? "its columns are " + names.joined(separator: ", ") : nil)
            problems.add(
                .location(location),
                "metadata describes column \"\(columnName)\", but \(path) has no such column",
                hint: hint)
        }
        for code in metadata.translations.keys.sorted() {
            guard let translation = metadata.translations[code] else { continue }
            for columnName in translation.columns.keys.sorted() where !known.contains(columnName) {
                problems.add(
                    .location(translation.columns[columnName]?.location ?? translation.location),
                    "the '\(code)' translation names column \"\(columnName)\", but \(path) has no such column",
                    hint: Suggestion.hint(for: columnName, in: names)
                        ?? (names.count <= 12 ? "its columns are " + names.joined(separator: ", ") : nil))
            }
        }
        return Dataset(name: name, columns: columns, metadata: metadata, path: path)
    }
}

/// Turns one column's cell texts into values of one type, reporting cells that contradict it.
struct CellTyper {
    struct Typed {
        var type: ColumnType
        var values: [Value]
        var format: DateFormat? = nil
        /// Some cells were written with a percent sign.
        var percent = false
    }

    let column: String
    let declared: ColumnType?
    let format: DateFormat?
    let layout: TableLayout
    var problems: Problems
    let locate: (Int) -> Problems.Place

    init(
        column: String, declared: ColumnType?, format: DateFormat? = nil, layout: TableLayout = TableLayout(),
        problems: Problems, locate: @escaping (Int) -> Problems.Place
    ) {
        self.column = column
        self.declared = declared
        self.format = format
        self.layout = layout
        self.problems = problems
        self.locate = locate
    }

    /// The cell without surrounding blanks, or nil when it is absent or blank (a missing value).
    @inline(__always) static func trimmed(_ cell: String?) -> String? {
        guard let cell, let first = cell.utf8.first, let last = cell.utf8.last else { return nil }
        if !ASCII.isBlank(first) && !ASCII.isBlank(last) { return cell }
        let utf8 = cell.utf8
        guard let start = utf8.firstIndex(where: { !ASCII.isBlank($0) }),
              let end = utf8.lastIndex(where: { !ASCII.isBlank($0) })
        else { return nil }
        // Cut at bytes: the ends are next to ASCII blanks, so the slice is whole characters.
        return String(decoding: utf8[start...end], as: UTF8.self)
    }

    /// The cell's text when it holds a value for a column read as `typed` (numbers, years or
    /// dates) or not; nil when it is blank or a missing-value marker.
    @inline(__always) func present(_ cell: String?, typed: Bool) -> String? {
        guard let text = Self.trimmed(cell) else { return nil }
        // Most cells start with a digit, and no default marker does: skip the set lookup.
        if layout.missing == nil, let first = text.utf8.first, ASCII.isDigit(first) { return text }
        return layout.isMissingMarker(text, typed: typed) ? nil : text
    }

    mutating func type(_ cells: [String?]) -> Typed {
        if let declared {
            if declared == .date {
                let format = self.format ?? dateFormat(for: cells, declared: true)
                return Typed(type: .date, values: convertDates(cells, format: format, inferred: false), format: format)
            }
            return convert(cells, to: declared)
        }
        return infer(cells)
    }

    private mutating func infer(_ cells: [String?]) -> Typed {
        var values: [Value] = []
        values.reserveCapacity(cells.count)
        var allNumbers = true, allYears = true, anyValue = false, percent = false
        for cell in cells {
            guard let text = present(cell, typed: true) else { values.append(.missing); continue }
            anyValue = true
            guard let number = NumberText.read(text, layout: layout) else { allNumbers = false; break }
            if allYears && !(PlainNumber.isYear(number.text) && (1000..<3000).contains(number.value)) { allYears = false }
            percent = percent || number.percent
            values.append(.number(number.value, text: number.text))
        }
        guard anyValue else { return convert(cells, to: .text) }
        if allNumbers {
            return Typed(type: allYears && !percent && column.lowercased().contains("year") ? .year : .number,
                         values: values, percent: percent)
        }
        if layout.decimalMark == ASCII.comma, anyPlainDecimalsOnly(cells) {
            // Every cell reads as a number with a decimal point: the declaration does not fit.
            problems.add(.location(layout.location("decimal_mark", metadataPath: "")),
                         "column \(column) writes numbers with a decimal point, but the metadata declares decimal_mark: \",\"",
                         hint: "remove 'decimal_mark', or check that this is the file it describes")
            return convert(cells, to: .text)
        }
        if let format = dateFormat(for: cells, declared: false) {
            return Typed(type: .date, values: convertDates(cells, format: format, inferred: true), format: format)
        }
        if isISODateColumn(cells) {
            return Typed(type: .date, values: convertDates(cells, format: nil, inferred: true))
        }
        return convert(cells, to: .text)
    }

    /// Whether the present cells are all plain decimals and some have a decimal point.
    private func anyPlainDecimalsOnly(_ cells: [String?]) -> Bool {
        var point = false
        for cell in cells {
            guard let text = present(cell, typed: true) else { continue }
            guard PlainNumber.parse(text) != nil else { return false }
            if text.utf8.contains(ASCII.dot) { point = true }
        }
        return point
    }

    private func isISODateColumn(_ cells: [String?]) -> Bool {
        var any = false
        for cell in cells {
            guard let text = present(cell, typed: true) else { continue }
            guard Column.dateTime(text, format: nil) != nil || CalendarDate.hasDateShape(text) else { return false }
            any = true
        }
        return any
    }

    /// The format every present cell follows, among the inferred ones (nil when they are ISO
    /// dates, or follow none). Cells that are all day/month-ambiguous are reported once.
    private mutating func dateFormat(for cells: [String?], declared: Bool) -> DateFormat? {
        var first: (row: Int, text: String)?
        for (row, cell) in cells.enumerated() {
            if let text = present(cell, typed: true) { first = (row, text); break }
        }
        guard let first, !CalendarDate.hasDateShape(first.text), Column.dateTime(first.text, format: nil) == nil else { return nil }
        let present = cells.compactMap { self.present($0, typed: true) }
        for format in DateFormat.inferred where format.read(first.text) != nil {
            if declared || present.allSatisfy({ format.read($0) != nil }) { return format }
        }
        if DateFormat.isAmbiguous(first.text) && (declared || present.allSatisfy(DateFormat.isAmbiguous)) {
            let readings = DateFormat.readings(ofAmbiguous: first.text)
            let fitting = readings.filter { f in present.allSatisfy { f.read($0) != nil } }
            let suggestion = (fitting.count == 1 ? fitting : readings).map { "format: \"\($0.pattern)\"" }
                .joined(separator: " or ")
            problems.add(
                locate(first.row),
                "\(shown(first.text)) is an ambiguous date: day/month or month/day? (column \(column))",
                hint: "declare the column's format in the metadata: columns: {\(column): {type: date, \(suggestion)}}")
            _ = problems  // reported once; the column is read as text
        }
        return nil
    }

    private mutating func convertDates(_ cells: [String?], format: DateFormat?, inferred: Bool) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(cells.count)
        for (row, cell) in cells.enumerated() {
            guard let text = present(cell, typed: true) else { values.append(.missing); continue }
            if Column.dateTime(text, format: format) != nil {
                values.append(.text(text))
            } else {
                let what = CalendarDate.hasDateShape(text) ? "a valid date" : "a date"
                let hint: String?
                if inferred {
                    hint = nil
                } else if let format {
                    hint = "column \(column) is read with format \"\(format.pattern)\""
                } else {
                    hint = "write dates as YYYY-MM-DD or YYYY-MM, e.g. 2024-01-31, or declare the column's format, e.g. format: \"%d %b %Y\""
                }
                reject(text, row: row, what: what, hint: hint, inferred: inferred)
                values.append(.missing)
            }
            if problems.isOverflowing { break }
        }
        return values
    }

    private mutating func convert(_ cells: [String?], to type: ColumnType) -> Typed {
        var values: [Value] = []
        values.reserveCapacity(cells.count)
        var percent = false
        let typed = type != .text
        for (row, cell) in cells.enumerated() {
            guard let text = present(cell, typed: typed) else { values.append(.missing); continue }
            switch type {
            case .text:
                // Text keeps its spaces: it is shown as written.
                values.append(.text(cell ?? text))
            case .number:
                if let number = NumberText.read(text, layout: layout) {
                    percent = percent || number.percent
                    values.append(.number(number.value, text: number.text))
                } else {
                    let looksNumeric = text.utf8.contains(where: ASCII.isDigit)
                    reject(text, row: row, what: "a number",
                           hint: looksNumeric ? numberHint(text) : nil)
                    values.append(.missing)
                }
            case .year:
                if PlainNumber.isYear(text), let number = PlainNumber.parse(text) {
                    values.append(.number(number, text: text))
                } else {
                    reject(text, row: row, what: "a year", hint: "write years as four digits, e.g. 2024")
                    values.append(.missing)
                }
            case .date:
                values.append(.text(text))
            }
            if problems.isOverflowing { break }
        }
        return Typed(type: type, values: values, percent: percent)
    }

    /// Advice for a number cell that did not read, by what it looks like.
    private func numberHint(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let commas = bytes.filter { $0 == ASCII.comma }.count
        let digitsAndComma = bytes.allSatisfy { ASCII.isDigit($0) || $0 == ASCII.comma || $0 == ASCII.minus }
        if layout.decimalMark == ASCII.dot, commas == 1, digitsAndComma {
            return "write numbers as plain decimals, e.g. 1234.5, or declare a decimal comma: csv: {decimal_mark: \",\"}"
        }
        return "write numbers as plain decimals, e.g. 1234.5"
    }

    private mutating func reject(_ text: String, row: Int, what: String, hint: String?, inferred: Bool = false) {
        let reason = inferred
            ? "the other cells of column \(column) are dates"
            : "column \(column) is declared \(declared?.rawValue ?? "")"
        problems.add(locate(row), "\(shown(text)) is not \(what) (\(reason))", hint: hint)
    }
}

/// A number cell as publishers write it: plain decimals always; with the dialect's digit
/// groups (`1,234.5`, `1.234,5`, `1 234,5`) and decimal mark; a trailing percent sign. The text
/// kept is the same digits as a plain decimal (`1,234.5` → `1234.5`, `12.5%` → `12.5`), so
/// downloads and tables read it back the same everywhere.
enum NumberText {
    struct Reading {
        var value: Double
        var text: String
        var percent: Bool
    }

    static func read(_ text: String, layout: TableLayout) -> Reading? {
        // Plain decimals, the common case, without copying the text.
        if layout.decimalMark == ASCII.dot, let value = PlainNumber.parse(text) {
            return Reading(value: value, text: text, percent: false)
        }
        var bytes = Array(text.utf8)[...]
        var percent = false
        if bytes.last == 0x25 {  // %
            percent = true
            bytes = bytes.dropLast()
            while let last = bytes.last, ASCII.isBlank(last) { bytes = bytes.dropLast() }
        }
        let plainText = percent ? String(decoding: bytes, as: UTF8.self) : text
        if layout.decimalMark == ASCII.dot, let value = PlainNumber.parse(plainText) {
            return Reading(value: value, text: plainText, percent: percent)
        }
        guard let normal = normalise(bytes, decimal: layout.decimalMark, group: layout.groupSeparator),
              let value = PlainNumber.parse(normal) else { return nil }
        return Reading(value: value, text: normal, percent: percent)
    }

    /// `[sign] d{1,3} (group d{3})* [mark d+]`, or ungrouped digits, rewritten as a plain decimal.
    private static func normalise(_ b: ArraySlice<UInt8>, decimal: UInt8, group: [UInt8]) -> String? {
        var out: [UInt8] = []
        var i = b.startIndex
        if i < b.endIndex && (b[i] == ASCII.minus || b[i] == ASCII.plus) {
            if b[i] == ASCII.minus { out.append(ASCII.minus) }
            i += 1
        }
        func run() -> Int {
            let start = i
            while i < b.endIndex && ASCII.isDigit(b[i]) { out.append(b[i]); i += 1 }
            return i - start
        }
        func atGroup() -> Bool {
            guard !group.isEmpty, i + group.count <= b.endIndex else { return false }
            return Array(b[i..<(i + group.count)]) == group
        }
        let lead = run()
        guard lead > 0 else { return nil }
        if atGroup() {
            guard lead <= 3 else { return nil }
            while atGroup() {
                i += group.count
                guard run() == 3 else { return nil }
            }
        }
        if i < b.endIndex && b[i] == decimal {
            i += 1
            out.append(ASCII.dot)
            guard run() > 0 else { return nil }
        }
        guard i == b.endIndex else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}

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
    /// cell's byte offset for messages.
    static func assemble(
        name: String, path: String, metadata: DatasetMetadata, raw: [RawColumn],
        problems: inout Problems, locate: (Int, Int) -> Int
    ) -> Dataset {
        var columns: [Column] = []
        columns.reserveCapacity(raw.count)
        // The typer keeps `locate` only while it types, so it never really escapes.
        withoutActuallyEscaping(locate) { locate in
            for (index, rawColumn) in raw.enumerated() {
                if problems.isOverflowing { break }
                let declaration = metadata.columns[rawColumn.name]
                var typer = CellTyper(
                    column: rawColumn.name, declared: declaration?.type, problems: problems,
                    locate: { row in locate(row, index) })
                let (type, values) = typer.type(rawColumn.cells)
                problems = typer.problems
                columns.append(Column(
                    name: rawColumn.name, type: type, label: declaration?.label, unit: declaration?.unit,
                    values: values))
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
        return Dataset(name: name, columns: columns, metadata: metadata, path: path)
    }
}

/// Turns one column's cell texts into values of one type, reporting cells that contradict it.
struct CellTyper {
    let column: String
    let declared: ColumnType?
    var problems: Problems
    let locate: (Int) -> Int

    init(column: String, declared: ColumnType?, problems: Problems, locate: @escaping (Int) -> Int) {
        self.column = column
        self.declared = declared
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

    mutating func type(_ cells: [String?]) -> (ColumnType, [Value]) {
        if let declared { return (declared, convert(cells, to: declared, inferred: false)) }
        return infer(cells)
    }

    private mutating func infer(_ cells: [String?]) -> (ColumnType, [Value]) {
        var values: [Value] = []
        values.reserveCapacity(cells.count)
        var allNumbers = true, allYears = true, anyValue = false
        for cell in cells {
            guard let text = Self.trimmed(cell) else { values.append(.missing); continue }
            anyValue = true
            guard let number = PlainNumber.parse(text) else { allNumbers = false; break }
            if allYears && !(PlainNumber.isYear(text) && (1000..<3000).contains(number)) { allYears = false }
            values.append(.number(number, text: text))
        }
        guard anyValue else { return (.text, values) }
        if allNumbers {
            return (allYears && column.lowercased().contains("year") ? .year : .number, values)
        }
        values = []
        let allDates = cells.allSatisfy { cell in
            Self.trimmed(cell).map(CalendarDate.hasDateShape) ?? true
        }
        if allDates { return (.date, convert(cells, to: .date, inferred: true)) }
        return (.text, convert(cells, to: .text, inferred: true))
    }

    private mutating func convert(_ cells: [String?], to type: ColumnType, inferred: Bool) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(cells.count)
        for (row, cell) in cells.enumerated() {
            guard let text = Self.trimmed(cell) else { values.append(.missing); continue }
            switch type {
            case .text:
                // Text keeps its spaces: it is shown as written.
                values.append(.text(cell ?? text))
            case .number:
                if let number = PlainNumber.parse(text) {
                    values.append(.number(number, text: text))
                } else {
                    let looksNumeric = text.utf8.contains(where: ASCII.isDigit)
                    reject(text, row: row, what: "a number",
                           hint: looksNumeric ? "write numbers as plain decimals, e.g. 1234.5" : nil)
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
                if CalendarDate(parsing: text) != nil {
                    values.append(.text(text))
                } else {
                    let valid = CalendarDate.hasDateShape(text) ? "a valid date" : "a date"
                    let hint = inferred ? nil : "write dates as YYYY-MM-DD or YYYY-MM, e.g. 2024-01-31"
                    reject(text, row: row, what: valid, hint: hint, inferred: inferred)
                    values.append(.missing)
                }
            }
            if problems.isOverflowing { break }
        }
        return values
    }

    private mutating func reject(_ text: String, row: Int, what: String, hint: String?, inferred: Bool = false) {
        let reason = inferred
            ? "the other cells of column \(column) are dates"
            : "column \(column) is declared \(declared?.rawValue ?? "")"
        problems.add(at: locate(row), "\(shown(text)) is not \(what) (\(reason))", hint: hint)
    }
}

import BriefDiagnostics

/// How a data file's table is laid out, from the metadata's `csv:` or `xlsx:` block: rows to
/// skip above the header and below the table, the cells that mean "no value", and how numbers
/// are written. Every field remembers where the metadata declared it, so a declaration that
/// does not fit the file is reported at its line.
public struct TableLayout: Sendable, Hashable {
    /// The field separator of a CSV file; nil to infer `,` or `;` from the header line.
    public var delimiter: UInt8?
    /// Lines above the header (a title, a blank line); spreadsheet rows for `.xlsx`.
    public var skipRows: Int
    /// Lines at the end of the table that are notes, not data (blank lines at the very end
    /// are not counted).
    public var footerRows: Int
    /// Cells that mean a missing value in every column; nil for the defaults, which apply to
    /// number, year and date columns only (`TableLayout.defaultMissing`).
    public var missing: [String]?
    /// The decimal mark of numbers: `.` (default) or `,`.
    public var decimalMark: UInt8
    /// The digit-group separator; nil for the default (`,` when the decimal mark is `.`, else
    /// `.`), empty for none.
    public var thousands: [UInt8]?
    /// `.xlsx` only: the worksheet's name; nil for the first sheet.
    public var sheet: String?
    /// `.xlsx` only: a cell range such as `A3:D40` to read; nil for the whole sheet.
    public var range: CellRange?
    /// Which block of the metadata declared it: "csv", "xlsx", or nil when neither is there.
    public var block: String?
    /// Where each key was declared, by key name (and the block's own key, as "csv" or "xlsx").
    public var locations: [String: SourceLocation]

    public init(
        delimiter: UInt8? = nil, skipRows: Int = 0, footerRows: Int = 0, missing: [String]? = nil,
        decimalMark: UInt8 = 0x2E, thousands: [UInt8]? = nil, sheet: String? = nil,
        range: CellRange? = nil, locations: [String: SourceLocation] = [:]
    ) {
        self.delimiter = delimiter
        self.skipRows = skipRows
        self.footerRows = footerRows
        self.missing = missing
        self.decimalMark = decimalMark
        self.thousands = thousands
        self.sheet = sheet
        self.range = range
        self.locations = locations
    }

    /// Markers statistical publishers use for "no figure": World Bank and OECD `..`, Eurostat
    /// `:`, many others `-`, dashes or `n.a.`, Excel `#N/A`.
    public static let defaultMissing: Set<String> = [
        "..", "...", "…", ":", "-", "–", "—", "n.a.", "n.a", "N.A.", "n/a", "N/A", "NA", "na", "#N/A",
    ]

    /// The thousands separator in effect.
    var groupSeparator: [UInt8] {
        if let thousands { return thousands }
        return decimalMark == ASCII.comma ? [ASCII.dot] : [ASCII.comma]
    }

    /// Whether a (trimmed) cell is a missing-value marker; `typed` says the column is being
    /// read as numbers, years or dates (where the default markers apply).
    func isMissingMarker(_ text: String, typed: Bool) -> Bool {
        if let missing { return missing.contains(text) }
        return typed && TableLayout.defaultMissing.contains(text)
    }

    /// An error when the metadata's block does not match the data file's kind (`csv`, `xlsx`
    /// or `json`), at the block's key.
    func mismatch(fileKind: String, path: String, metadataPath: String) -> Diagnostic? {
        guard let block, block != fileKind else { return nil }
        let at = location(block, metadataPath: metadataPath)
        let advice = fileKind == "json" ? "a JSON file needs neither; remove '\(block)'" : "use '\(fileKind):' instead"
        return .error(at: at, "'\(block)' describes \(block == "csv" ? "a CSV file" : "an .xlsx workbook"), but \(path) is \(fileKind == "csv" ? "a CSV file" : fileKind == "json" ? "a JSON file" : "an .xlsx workbook")",
                      hint: advice)
    }

    /// Where `key` was declared, or the metadata file's first line.
    func location(_ key: String, metadataPath: String) -> SourceLocation {
        locations[key] ?? SourceLocation(path: metadataPath, line: 1, column: 1)
    }
}

/// A rectangle of spreadsheet cells, `A3:D40` (or one cell, `B2`), 1-based.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    public var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int

    /// Reads `A1:D40`, `a1:d40` or a single cell; nil for anything else or an inverted range.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let a = CellRange.cell(String(parts[0])),
              let b = parts.count == 2 ? CellRange.cell(String(parts[1])) : a,
              a.row <= b.row, a.column <= b.column else { return nil }
        firstRow = a.row
        firstColumn = a.column
        lastRow = b.row
        lastColumn = b.column
    }

    /// `C7` → (row 7, column 3); nil when it is not a cell reference within Excel's limits.
    public static func cell(_ text: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0
        var letters = 0, digits = 0
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A:
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte | 0x20) - 0x61 + 1)
                letters += 1
            case 0x30...0x39:
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - ASCII.zero)
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, row >= 1, row <= 1_048_576, column <= 16_384 else { return nil }
        return (row, column)
    }

    /// `3` → `C`, `28` → `AB`.
    public static func columnName(_ column: Int) -> String {
        var n = column
        var out: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.insert(UInt8(0x41 + r), at: 0)
            n = (n - 1) / 26
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String {
        let a = CellRange.columnName(firstColumn) + String(firstRow)
        let b = CellRange.columnName(lastColumn) + String(lastRow)
        return a == b ? a : a + ":" + b
    }
}

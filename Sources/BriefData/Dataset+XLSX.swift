import BriefDiagnostics
import Foundation
import ZIPFoundation

extension Dataset {
    /// Reads one worksheet of an Office Open XML workbook (`.xlsx`): the sheet named in the
    /// metadata's `xlsx: {sheet:}` (else the first), optionally cut to `range:`, with
    /// `skip_rows`/`footer_rows` rows dropped; the first row left names the columns.
    ///
    /// Cells are typed as Excel stores them: shared and inline strings are text, numbers keep
    /// the digits Excel wrote, and a number whose cell format is a date format is a date (Excel's
    /// 1900 system, with its phantom 29 February 1900, or the 1904 system), written
    /// `YYYY-MM-DD` (`YYYY-MM-DD HH:MM` with a time). Problems name the cell, `Sheet1!C7`, at
    /// `path:row:column`.
    public static func parseXLSX(
        _ bytes: [UInt8], name: String, path: String, metadata: DatasetMetadata
    ) throws(DiagnosticError) -> Dataset {
        if let mismatch = metadata.layout.mismatch(fileKind: "xlsx", path: path, metadataPath: metadata.path) {
            throw DiagnosticError([mismatch])
        }
        var reader = XLSXReader(path: path, metadata: metadata)
        do {
            return try reader.read(bytes, name: name)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError([.error(at: SourceLocation(path: path, line: 1, column: 1),
                                          "cannot read \(path) as an .xlsx workbook")])
        }
    }
}

/// The workbook's parts, read on demand from the ZIP container.
struct XLSXReader {
    let path: String
    let metadata: DatasetMetadata
    /// The largest part Brief will inflate: a real sheet of a million cells is well under this.
    static let partLimit: UInt64 = 256 << 20

    init(path: String, metadata: DatasetMetadata) {
        self.path = path
        self.metadata = metadata
    }

    private var top: SourceLocation { SourceLocation(path: path, line: 1, column: 1) }

    private func fail(_ message: String, hint: String? = nil) -> DiagnosticError {
        DiagnosticError([.error(at: top, message, hint: hint)])
    }

    private func part(_ archive: Archive, _ name: String) throws -> [UInt8]? {
        guard let entry = archive[name] else { return nil }
        guard UInt64(entry.uncompressedSize) <= XLSXReader.partLimit else {
            throw fail("\(name) in \(path) inflates to more than 256 MB; Brief refuses it")
        }
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
            data.append(chunk)
            if UInt64(data.count) > XLSXReader.partLimit { throw DiagnosticError([]) }
        }
        return [UInt8](data)
    }

    /// Checks the ZIP container's directory before ZIPFoundation reads it: every offset and
    /// size it will seek to must lie inside the file. (Its in-memory reader traps on a seek past
    /// the end, which a damaged or hostile file can ask for; found by FuzzCSV.) Nil when sound.
    static func containerProblem(_ b: [UInt8]) -> String? {
        func u16(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard b.count >= 22, b[0] == 0x50, b[1] == 0x4B else { return "not a ZIP archive" }
        // The end-of-central-directory record: its signature within the last 64 KiB + 22 bytes.
        var eocd = -1
        var p = b.count - 22
        let floor = max(0, b.count - 22 - 65_535)
        while p >= floor {
            if b[p] == 0x50 && b[p + 1] == 0x4B && b[p + 2] == 0x05 && b[p + 3] == 0x06 { eocd = p; break }
            p -= 1
        }
        guard eocd >= 0 else { return "no ZIP directory (the file is cut short or damaged)" }
        let entries = u16(eocd + 10)
        let directorySize = u32(eocd + 12), directoryStart = u32(eocd + 16)
        if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF {
            return "a ZIP64 archive, which Brief does not read"
        }
        guard directoryStart + directorySize <= eocd else { return "its ZIP directory points outside the file" }
        var q = directoryStart
        for _ in 0..<entries {
            guard q + 46 <= eocd, u32(q) == 0x0201_4B50 else { return "its ZIP directory is damaged" }
            let compressed = u32(q + 20), uncompressed = u32(q + 24)
            let nameLength = u16(q + 28), extraLength = u16(q + 30), commentLength = u16(q + 32)
            let local = u32(q + 42)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                return "a ZIP64 archive, which Brief does not read"
            }
            guard local + 30 <= b.count, u32(local) == 0x0403_4B50 else { return "a ZIP entry points outside the file" }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataStart + compressed <= b.count else { return "a ZIP entry runs past the end of the file" }
            q += 46 + nameLength + extraLength + commentLength
        }
        guard q <= eocd else { return "its ZIP directory is damaged" }
        return nil
    }

    mutating func read(_ bytes: [UInt8], name: String) throws -> Dataset {
        if let problem = XLSXReader.containerProblem(bytes) {
            throw fail("\(path) is not an .xlsx workbook (\(problem))",
                       hint: "save the file from Excel or LibreOffice as .xlsx (Office Open XML)")
        }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw fail("\(path) is not an .xlsx workbook (not a ZIP archive)",
                       hint: "save the file from Excel or LibreOffice as .xlsx (Office Open XML)")
        }
        guard let workbook = try part(archive, "xl/workbook.xml") else {
            throw fail("\(path) has no xl/workbook.xml: it is a ZIP file but not an .xlsx workbook")
        }

        // Sheets by name, and where each one's XML is.
        var sheets: [(name: String, id: String)] = []
        var date1904 = false
        var scanner = XMLScanner(workbook)
        while let event = scanner.next() {
            guard case .start(let tag, let attributes, _) = event else { continue }
            if tag == "sheet", let sheetName = attributes["name"] {
                sheets.append((sheetName, attributes["r:id"] ?? attributes["id"] ?? ""))
            } else if tag == "workbookPr", let flag = attributes["date1904"] {
                date1904 = flag == "1" || flag == "true"
            }
        }
        var targets: [String: String] = [:]
        if let rels = try part(archive, "xl/_rels/workbook.xml.rels") {
            var relScanner = XMLScanner(rels)
            while let event = relScanner.next() {
                if case .start("Relationship", let attributes, _) = event, let id = attributes["Id"], let target = attributes["Target"] {
                    targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        guard !sheets.isEmpty else { throw fail("\(path) has no worksheets") }
        let layout = metadata.layout
        let chosen: (name: String, id: String)
        if let wanted = layout.sheet {
            guard let found = sheets.first(where: { $0.name == wanted }) else {
                let names = sheets.map(\.name)
                let at = layout.location("sheet", metadataPath: metadata.path.isEmpty ? path : metadata.path)
                throw DiagnosticError([.error(at: at, "\(path) has no sheet \(shown(wanted))",
                    hint: Suggestion.hint(for: wanted, in: names) ?? "its sheets are " + names.map { shown($0) }.joined(separator: ", "))])
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        let sheetPath = targets[chosen.id] ?? "xl/worksheets/sheet\(sheets.firstIndex { $0.name == chosen.name }.map { $0 + 1 } ?? 1).xml"
        guard let sheetXML = try part(archive, sheetPath) else {
            throw fail("\(path) names sheet \(shown(chosen.name)) but has no \(sheetPath)")
        }
        let strings = try part(archive, "xl/sharedStrings.xml").map(XLSXReader.sharedStrings) ?? []
        let styles = try part(archive, "xl/styles.xml").map(XLSXStyles.init) ?? XLSXStyles()
        var sheet = XLSXSheet(name: chosen.name, path: path, strings: strings, styles: styles, date1904: date1904)
        sheet.read(sheetXML)
        return try sheet.dataset(name: name, metadata: metadata)
    }

    /// `xl/sharedStrings.xml`: each `<si>`'s text, rich-text runs joined, phonetic hints left out.
    static func sharedStrings(_ xml: [UInt8]) -> [String] {
        var out: [String] = []
        var scanner = XMLScanner(xml)
        var current = "", inItem = false, inText = false, inPhonetic = false
        while let event = scanner.next() {
            switch event {
            case .start(let tag, _, let selfClosing):
                if tag == "si" { inItem = true; current = ""; if selfClosing { out.append(""); inItem = false } }
                if tag == "t" && !selfClosing { inText = true }
                if tag == "rPh" && !selfClosing { inPhonetic = true }
            case .end(let tag):
                if tag == "si" && inItem { out.append(XLSXReader.unescape(current)); inItem = false }
                if tag == "t" { inText = false }
                if tag == "rPh" { inPhonetic = false }
            case .text(let text):
                if inItem && inText && !inPhonetic { current += text }
            }
        }
        return out
    }

    /// OOXML's `_xHHHH_` escapes for characters XML cannot hold (`_x000D_` is a carriage return).
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            out += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let hex = after.prefix(5)
            if hex.count == 5, hex.last == "_", let code = UInt32(hex.prefix(4), radix: 16), let scalar = Unicode.Scalar(code) {
                out.append(Character(scalar == "\r" ? "\n" : scalar))
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }
}

/// `xl/styles.xml`: which cell formats (`s` attribute) are dates.
struct XLSXStyles {
    /// Per cell-format index: whether its number format shows a date or time.
    var isDate: [Bool] = []
    /// Per cell-format index: whether it shows a time of day.
    var hasTime: [Bool] = []

    init() {}

    init(_ xml: [UInt8]) {
        var custom: [Int: String] = [:]
        var formats: [Int] = []
        var scanner = XMLScanner(xml)
        var inCellXfs = false
        while let event = scanner.next() {
            switch event {
            case .start("numFmt", let attributes, _):
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { custom[id] = code }
            case .start("cellXfs", _, let selfClosing):
                inCellXfs = !selfClosing
            case .end("cellXfs"):
                inCellXfs = false
            case .start("xf", let attributes, _) where inCellXfs:
                formats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default:
                break
            }
        }
        for id in formats {
            if let code = custom[id] {
                let kind = XLSXStyles.classify(code)
                isDate.append(kind.date)
                hasTime.append(kind.time)
            } else {
                // Built-in formats (ECMA-376 Part 1, 18.8.30): 14–17 and 22 dates, 18–21 and
                // 45–47 times, 22 both.
                isDate.append((14...22).contains(id) || (45...47).contains(id))
                hasTime.append((18...22).contains(id) || (45...47).contains(id))
            }
        }
    }

    /// Whether a format code shows a date (y, d, or m outside a time) or a time (h, s), ignoring
    /// quoted text, escaped characters, `[Red]`-style sections and elapsed-time brackets.
    static func classify(_ code: String) -> (date: Bool, time: Bool) {
        var date = false, time = false, months = false
        var quoted = false, bracket = false, escaped = false
        // Only the first section (positive numbers) decides.
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            if quoted { if c == "\"" { quoted = false }; continue }
            if bracket { if c == "]" { bracket = false }; continue }
            switch c {
            case "\"": quoted = true
            case "\\", "_", "*": escaped = true
            case "[": bracket = true
            case ";": return (date || (months && !time), time)
            case "y", "d", "e": date = true
            case "m": months = true  // months, or minutes beside h or s
            case "h", "s": time = true
            default: break
            }
        }
        // A time of day alone (h:mm) stays a number: it names no day.
        return (date || (months && !time), time)
    }

    func kind(_ style: Int?) -> (date: Bool, time: Bool) {
        guard let style, style >= 0, style < isDate.count else { return (false, false) }
        return (isDate[style], hasTime[style])
    }
}

/// One worksheet's cells, as text, by row and column number.
struct XLSXSheet {
    struct Cell {
        var row: Int
        var column: Int
        var text: String?
        /// Set when the cell's value cannot be read (a bad shared-string index, an impossible date).
        var problem: String?
    }

    let name: String
    let path: String
    let strings: [String]
    let styles: XLSXStyles
    let date1904: Bool
    /// Non-empty rows in sheet order, each with its cells in column order.
    var rows: [(number: Int, cells: [Cell])] = []

    init(name: String, path: String, strings: [String], styles: XLSXStyles, date1904: Bool) {
        self.name = name
        self.path = path
        self.strings = strings
        self.styles = styles
        self.date1904 = date1904
    }

    /// `Sheet1!C7` (quoted as Excel does when the name has spaces or punctuation).
    func reference(row: Int, column: Int) -> String {
        let plain = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !name.isEmpty
        let sheetName = plain ? name : "'" + name.replacing("'", with: "''") + "'"
        return sheetName + "!" + CellRange.columnName(column) + String(row)
    }

    mutating func read(_ xml: [UInt8]) {
        var scanner = XMLScanner(xml)
        var rowNumber = 0
        var rowCells: [Cell] = []
        var inSheetData = false
        // The cell being read.
        var cellRef: (row: Int, column: Int)?
        var cellType = "n", cellStyle: Int?
        var value: String?, inline = "", inValue = false, inInlineText = false, inFormula = false
        var nextColumn = 1

        func finishRow() {
            // Writers list cells left to right, but nothing forces them to.
            if !rowCells.isEmpty { rows.append((rowNumber, rowCells.sorted { $0.column < $1.column })) }
            rowCells = []
        }

        while let event = scanner.next() {
            switch event {
            case .start(let tag, let attributes, let selfClosing):
                switch tag {
                case "sheetData": inSheetData = !selfClosing
                case "row" where inSheetData:
                    rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                    nextColumn = 1
                    rowCells = []
                    if selfClosing { finishRow() }
                case "c" where inSheetData:
                    let at = attributes["r"].flatMap(CellRange.cell)
                    cellRef = (at?.row ?? rowNumber, at?.column ?? nextColumn)
                    cellType = attributes["t"] ?? "n"
                    cellStyle = attributes["s"].flatMap { Int($0) }
                    value = nil
                    inline = ""
                    if selfClosing { finishCell() }
                case "v": inValue = !selfClosing; if value == nil { value = "" }
                case "t": inInlineText = !selfClosing
                case "f": inFormula = !selfClosing
                default: break
                }
            case .end(let tag):
                switch tag {
                case "sheetData": inSheetData = false
                case "row": finishRow()
                case "c": finishCell()
                case "v": inValue = false
                case "t": inInlineText = false
                case "f": inFormula = false
                default: break
                }
            case .text(let text):
                if inFormula { break }
                if inValue { value = (value ?? "") + text } else if inInlineText { inline += text }
            }
        }

        func finishCell() {
            guard let ref = cellRef else { return }
            cellRef = nil
            nextColumn = ref.column + 1
            var cell = Cell(row: ref.row, column: ref.column)
            switch cellType {
            case "s":
                if let index = value.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), index >= 0, index < strings.count {
                    cell.text = strings[index]
                } else if value != nil {
                    cell.problem = "shared string \(shown(value ?? "")) is not in the workbook's string table"
                }
            case "inlineStr":
                cell.text = XLSXReader.unescape(inline)
            case "str":
                cell.text = value.map(XLSXReader.unescape)
            case "b":
                cell.text = value.map { $0 == "1" ? "TRUE" : "FALSE" }
            case "e":
                cell.text = value
            default:  // "n" or a date number
                guard let raw = value?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { break }
                let kind = styles.kind(cellStyle)
                if kind.date || cellType == "d" {
                    if cellType == "d" {
                        cell.text = raw  // ISO 8601 already (strict OOXML)
                    } else if let serial = PlainNumber.parse(raw) {
                        switch XLSXSheet.date(serial: serial, date1904: date1904, withTime: kind.time) {
                        case .success(let text): cell.text = text
                        case .failure(let problem): cell.problem = problem.message
                        }
                    } else {
                        cell.problem = "\(shown(raw)) is not a date serial number"
                    }
                } else {
                    cell.text = raw
                }
            }
            if cell.text != nil || cell.problem != nil {
                rowCells.append(cell)
            }
        }
        finishRow()
    }

    struct DateProblem: Error { var message: String }

    /// An Excel serial as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]`.
    static func date(serial: Double, date1904: Bool, withTime: Bool) -> Result<String, DateProblem> {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else {
            return .failure(DateProblem(message: "\(serial) is outside Excel's dates (0 to 2958465)"))
        }
        var whole = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(whole)) * 86_400).rounded())
        if seconds >= 86_400 { whole += 1; seconds -= 86_400 }
        let days: Int
        if date1904 {
            days = whole + (CalendarDate(year: 1904, month: 1, day: 1)?.daysSinceEpoch ?? 0)
        } else {
            // Excel counts 29 February 1900, which never was (Lotus 1-2-3's bug, kept for
            // compatibility): serial 60 is that day, and later serials are one day ahead.
            if whole == 60 {
                return .failure(DateProblem(message: "serial 60 is 29 February 1900, a day that does not exist (Excel's 1900 leap-year bug)"))
            }
            if whole == 0 && seconds == 0 {
                return .failure(DateProblem(message: "serial 0 is not a date (Excel shows it as 0 January 1900)"))
            }
            let base = CalendarDate(year: 1899, month: 12, day: 31)?.daysSinceEpoch ?? 0
            days = base + whole - (whole > 60 ? 1 : 0)
        }
        let date = CalendarDate(days: days)
        var text = date.description
        if withTime || seconds != 0 {
            let h = seconds / 3600, m = (seconds / 60) % 60, s = seconds % 60
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            text += " " + two(h) + ":" + two(m) + (s != 0 ? ":" + two(s) : "")
        }
        return .success(text)
    }

    /// The table: rows cut to the range, skipped and footer rows dropped, the first row left as
    /// the header; every cell placed for messages.
    func dataset(name datasetName: String, metadata: DatasetMetadata) throws(DiagnosticError) -> Dataset {
        let layout = metadata.layout
        let metaPath = metadata.path.isEmpty ? path : metadata.path
        var table = rows
        if let range = layout.range {
            table = table.compactMap { row in
                guard (range.firstRow...range.lastRow).contains(row.number) else { return nil }
                let cells = row.cells.filter { (range.firstColumn...range.lastColumn).contains($0.column) }
                return cells.isEmpty ? nil : (row.number, cells)
            }
        }
        if layout.skipRows > 0 {
            let firstRow = (layout.range?.firstRow ?? 1) + layout.skipRows
            table = table.filter { $0.number >= firstRow }
            if table.isEmpty {
                throw DiagnosticError([.error(at: layout.location("skip_rows", metadataPath: metaPath),
                    "skip_rows: \(layout.skipRows) skips every row of sheet \(shown(name)) in \(path)")])
            }
        }
        if layout.footerRows > 0 {
            guard table.count > layout.footerRows else {
                throw DiagnosticError([.error(at: layout.location("footer_rows", metadataPath: metaPath),
                    "footer_rows: \(layout.footerRows) leaves no rows of sheet \(shown(name)) in \(path)")])
            }
            table.removeLast(layout.footerRows)
        }
        var problems = Problems()
        func place(_ row: Int, _ column: Int) -> Problems.Place {
            .cell(SourceLocation(path: path, line: row, column: column), reference: reference(row: row, column: column))
        }
        guard let header = table.first else {
            throw DiagnosticError([.error(at: SourceLocation(path: path, line: 1, column: 1),
                "sheet \(shown(name)) of \(path) is empty; its first row must name the columns")])
        }
        for row in table { for cell in row.cells { if let problem = cell.problem { problems.add(place(cell.row, cell.column), problem) } } }

        // Columns: from the header's first named cell to its last.
        let firstColumn = header.cells.first?.column ?? 1
        let lastColumn = header.cells.last?.column ?? 1
        var names: [String] = []
        var seen: [String: Int] = [:]
        for column in firstColumn...lastColumn {
            let text = header.cells.first { $0.column == column }?.text ?? ""
            let columnName = CSVReader.columnName(text)
            if columnName.isEmpty {
                problems.add(place(header.number, column), "empty column name in the header", hint: "give every column a name")
            } else if let earlier = seen[columnName] {
                problems.add(place(header.number, column), "duplicate column name \(shown(columnName)) in the header",
                             hint: "column \(CellRange.columnName(earlier)) has the same name")
            } else {
                seen[columnName] = column
            }
            names.append(columnName)
        }
        let body = table.dropFirst()
        var raw = names.map { RawColumn(name: $0, cells: []) }
        var rowNumbers: [Int] = []
        for (index, row) in body.enumerated() {
            rowNumbers.append(row.number)
            var cellsByColumn: [Int: String] = [:]
            for cell in row.cells {
                if cell.column < firstColumn || cell.column > lastColumn {
                    if let text = cell.text, !text.isEmpty {
                        var hint: String? = nil
                        if index == 0 { hint = "if the rows above are a title, skip them: xlsx: {skip_rows: N}" }
                        else if index >= body.count - 2 { hint = "if the last rows are notes, leave them out: xlsx: {footer_rows: N}" }
                        problems.add(place(cell.row, cell.column),
                                     "cell \(shown(text)) is outside the table's columns (\(CellRange.columnName(firstColumn))–\(CellRange.columnName(lastColumn)), from the header in row \(header.number))",
                                     hint: hint ?? "name the table's cells in the metadata: xlsx: {range: A1:D40}")
                    }
                    continue
                }
                cellsByColumn[cell.column] = cell.text
            }
            for (k, column) in (firstColumn...lastColumn).enumerated() { raw[k].cells.append(cellsByColumn[column]) }
        }
        if !problems.isEmpty { throw problems.error(bytes: UnsafeBufferPointer(start: nil, count: 0), path: path) }
        let dataset = Dataset.assemble(
            name: datasetName, path: path, metadata: metadata, raw: raw, problems: &problems,
            locate: { row, column in
                place(row < rowNumbers.count ? rowNumbers[row] : header.number, firstColumn + column)
            })
        if !problems.isEmpty { throw problems.error(bytes: UnsafeBufferPointer(start: nil, count: 0), path: path) }
        return dataset
    }
}

extension CalendarDate {
    /// The date `days` after 1970-01-01 (H. Hinnant's civil_from_days); BriefCharts' date axes
    /// use it too.
    public init(days z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        self.year = year
        self.month = month
        self.day = day
    }
}

import FuzzDriver
@testable import BriefData
import BriefDiagnostics

// Dataset.parseCSV over arbitrary text with arbitrary dialect options: it must return a dataset
// or diagnostics, never trap. The first byte picks the options (delimiter, decimal mark,
// thousands separator, skip and footer rows, missing markers); the rest is the file. Inputs
// whose option byte has the top bit set also go, as sheet, shared-string and style XML, through
// the hand-written .xlsx reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let options = bytes.first ?? 0
    let body = size > 0 ? UnsafeBufferPointer(rebasing: bytes[1...]) : bytes
    let text = String(decoding: body, as: UTF8.self)

    var layout = TableLayout()
    let delimiters: [UInt8?] = [nil, 0x2C, 0x3B, 0x09, 0x7C, nil, 0x3B, nil]
    layout.delimiter = delimiters[Int(options & 0x07)]
    if options & 0x08 != 0 {
        layout.decimalMark = 0x2C
        if layout.delimiter == 0x2C { layout.delimiter = 0x3B }
    }
    switch (options >> 4) & 0x03 {
    case 1: layout.thousands = []
    case 2: layout.thousands = [0x20]
    case 3: layout.thousands = Array("\u{202F}".utf8)
    default: break
    }
    layout.skipRows = Int((options >> 4) & 0x03)
    layout.footerRows = Int((options >> 5) & 0x03)
    if options & 0x40 != 0 { layout.missing = ["..", "n.a.", ""] }
    let metadata = DatasetMetadata(title: "Fuzz", source: "libFuzzer", layout: layout)
    do {
        let dataset = try Dataset.parseCSV(text, name: "fuzz", path: "Content/data/fuzz.csv", metadata: metadata)
        _ = dataset.rowCount
        _ = dataset.csvText()
        for column in dataset.columns where column.type == .date {
            for value in column.values { _ = column.dateTime(value) }
        }
        if let first = dataset.columns.first { _ = RowGroups(column: first) }
    } catch {
        for diagnostic in error.diagnostics { _ = diagnostic.formatted() }
    }
    if options & 0x80 != 0 {
        let xml = Array(body)
        var sheet = XLSXSheet(name: "Sheet 1", path: "fuzz.xlsx", strings: XLSXReader.sharedStrings(xml),
                              styles: XLSXStyles(xml), date1904: options & 0x01 != 0)
        sheet.read(xml)
        do {
            _ = try sheet.dataset(name: "fuzz", metadata: DatasetMetadata(title: "Fuzz", source: "libFuzzer"))
        } catch {
            for diagnostic in error.diagnostics { _ = diagnostic.formatted() }
        }
        _ = try? Dataset.parseXLSX(xml, name: "fuzz", path: "fuzz.xlsx", metadata: DatasetMetadata(title: "F", source: "S"))
    }
    return 0
}

// SwiftPM links an executable's entry point as FuzzCSV_main; hand it to libFuzzer's driver.
@_cdecl("FuzzCSV_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

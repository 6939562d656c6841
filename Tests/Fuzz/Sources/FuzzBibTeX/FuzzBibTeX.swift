import FuzzDriver
@testable import BriefSite
import BriefDiagnostics

// The bibliography path: bytes → SourceText → Bibliography.parse (BibTeX by hand: entries,
// @string macros, braces, quotes, `#` concatenation) → the author–date style for every entry
// (names, year labels, the reference as HTML and as text). Every input ends in entries or
// located diagnostics, never a trap or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let path = "Content/references.bib"
    guard let text = try? SourceText.decode(bytes, path: path) else { return 0 }
    let (bibliography, diagnostics) = Bibliography.parse(text, path: path)
    for diagnostic in diagnostics {
        var d = diagnostic
        d.sourceLine = SourceText.line(d.location.line, of: text)
        _ = d.formatted()
    }
    let entries = bibliography.entries.keys.sorted().compactMap { bibliography.entries[$0] }
    let labels = CitationStyle.yearLabels(entries)
    for entry in entries {
        _ = CitationStyle.names(entry)
        _ = CitationStyle.shortAuthors(entry)
        _ = CitationStyle.referenceHTML(entry, yearLabel: labels[entry.key] ?? CitationStyle.year(entry))
        _ = CitationStyle.referenceText(entry, yearLabel: labels[entry.key] ?? CitationStyle.year(entry))
    }
    return 0
}

// SwiftPM links an executable's entry point as FuzzBibTeX_main; hand it to libFuzzer's driver.
@_cdecl("FuzzBibTeX_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

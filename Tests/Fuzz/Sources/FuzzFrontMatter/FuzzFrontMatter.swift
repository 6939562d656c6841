import FuzzDriver
@testable import BriefSite
import BriefDiagnostics

// The front-matter path of a brief: bytes → SourceText (UTF-8, BOM, line ends) → FrontMatter.split
// → YAMLReader → Brief.decode. Every input must end in a Brief or diagnostics, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let path = "Content/briefs/fuzz.md"
    let text: String
    do {
        text = try SourceText.decode(bytes, path: path)
    } catch {
        return 0
    }
    do {
        let brief = try Brief.decode(text, slug: "fuzz", path: path)
        _ = brief.body.utf8.count
    } catch {
        for diagnostic in error.diagnostics {
            var d = diagnostic
            d.sourceLine = SourceText.line(d.location.line, of: text)
            _ = d.formatted()
        }
    }
    return 0
}

// SwiftPM links an executable's entry point as FuzzFrontMatter_main; hand it to libFuzzer's driver.
@_cdecl("FuzzFrontMatter_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

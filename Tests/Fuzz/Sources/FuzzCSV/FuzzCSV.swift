import FuzzDriver
import BriefData
import BriefDiagnostics

// Dataset.parseCSV over arbitrary text: it must return a dataset or diagnostics, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let metadata = DatasetMetadata(title: "Fuzz", source: "libFuzzer")
    do {
        let dataset = try Dataset.parseCSV(text, name: "fuzz", path: "Content/data/fuzz.csv", metadata: metadata)
        _ = dataset.rowCount
    } catch {
        for diagnostic in error.diagnostics { _ = diagnostic.formatted() }
    }
    return 0
}

// SwiftPM links an executable's entry point as FuzzCSV_main; hand it to libFuzzer's driver.
@_cdecl("FuzzCSV_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

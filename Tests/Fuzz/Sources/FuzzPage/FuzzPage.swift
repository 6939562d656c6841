import FuzzDriver
import BriefSite
import BriefDiagnostics
import Foundation

// The whole page pipeline: an in-memory site (the test fixture's site.yml and dataset, the real
// templates) whose one brief is the fuzz input, through Site.build.
let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<5 { url.deleteLastPathComponent() }
    return url.path
}()

func tree(_ folder: String, as prefix: String) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return files }
    while let relative = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = folder + "/" + relative
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
           let data = FileManager.default.contents(atPath: full) {
            files[prefix + "/" + relative] = Array(data)
        }
    }
    return files
}

let baseSite: [String: [UInt8]] = {
    var files = tree(root + "/Tests/Fixtures/site/Content", as: "Content")
    files = files.filter { !$0.key.hasPrefix("Content/briefs/") && !$0.key.hasPrefix("Content/pages/") }
    files.merge(tree(root + "/Templates", as: "Templates")) { a, _ in a }
    precondition(files["Content/site.yml"] != nil, "fixture site not found under \(root)")
    return files
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var files = baseSite
    files["Content/briefs/fuzz.md"] = Array(UnsafeBufferPointer(start: data, count: size))
    let result = Site.build(.inMemory(bytes: files), options: BuildOptions())
    for diagnostic in result.diagnostics { _ = diagnostic.formatted() }
    return 0
}

// SwiftPM links an executable's entry point as FuzzPage_main; hand it to libFuzzer's driver.
@_cdecl("FuzzPage_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

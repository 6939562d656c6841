import BriefSite
import Foundation
import Testing

/// The package's root folder, found from this file's path.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Every file below `folder`, keyed as `prefix/relative/path`.
func loadTree(_ folder: String, as prefix: String) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: folder) else { return files }
    while let relative = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = folder + "/" + relative
        if fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
           let data = fm.contents(atPath: full) {
            files[prefix + "/" + relative] = Array(data)
        }
    }
    return files
}

/// The fixture site (Tests/Fixtures/site/Content) with the real Templates/, in memory.
/// `changes` replaces (or, with nil, removes) files by path.
func fixtureFiles(_ changes: [String: String?] = [:]) -> [String: [UInt8]] {
    var files = loadTree(packageRoot + "/Tests/Fixtures/site/Content", as: "Content")
    files.merge(loadTree(packageRoot + "/Templates", as: "Templates")) { a, _ in a }
    for (path, text) in changes {
        files[path] = text.map { Array($0.utf8) }
    }
    return files
}

func buildFixture(_ changes: [String: String?] = [:], drafts: Bool = false) -> BuildResult {
    Site.build(.inMemory(bytes: fixtureFiles(changes)), options: BuildOptions(drafts: drafts))
}

func text(_ file: OutputFile) -> String { String(decoding: file.bytes, as: UTF8.self) }

/// A minimal brief with `body` under valid front matter.
func brief(title: String = "T", date: String = "2022-01-01", extra: String = "", _ body: String) -> String {
    "---\ntitle: \(title)\ndate: \(date)\n\(extra)---\n\(body)\n"
}

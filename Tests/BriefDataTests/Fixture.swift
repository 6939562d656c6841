import Foundation

/// The text of `Tests/Fixtures/data/<name>`.
func fixture(_ name: String, filePath: String = #filePath) throws -> String {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: folder.appendingPathComponent("Fixtures/data/\(name)"), encoding: .utf8)
}

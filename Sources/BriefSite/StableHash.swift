import Mustache

/// A 64-bit FNV-1a hash: stable across processes and machines (unlike Swift's `Hasher`), so it
/// can key caches that outlive a process. Not for security.
struct StableHash: Hashable, Codable, Sendable, CustomStringConvertible {
    private(set) var value: UInt64 = 0xcbf29ce484222325

    init() {}

    init(value: UInt64) { self.value = value }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= 0x100000001b3
        }
        value = h
    }

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
        add(UInt64(bytes.count))
    }

    mutating func add(_ text: String) {
        var copy = text
        copy.withUTF8 { add(UnsafeRawBufferPointer($0)) }
        add(UInt64(text.utf8.count))
    }

    mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    mutating func add(_ other: StableHash) { add(other.value) }

    static func of(_ text: String) -> StableHash {
        var h = StableHash()
        h.add(text)
        return h
    }

    static func of(_ bytes: [UInt8]) -> StableHash {
        var h = StableHash()
        h.add(bytes)
        return h
    }

    var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Hashes a template context ([String: Any] of strings, flags, lists and nested mappings) in a
/// fixed order, so two contexts hash alike exactly when they would render alike.
enum ContextHash {
    static func of(_ value: Any, template: String, templates: StableHash) -> StableHash {
        var h = StableHash()
        h.add(template)
        h.add(templates)
        add(value, to: &h)
        return h
    }

    private static func add(_ value: Any, to h: inout StableHash) {
        switch value {
        case let text as String:
            h.add(1); h.add(text)
        case let flag as Bool:
            h.add(flag ? 2 : 3)
        case let list as [Any]:
            h.add(4); h.add(UInt64(list.count))
            for item in list { add(item, to: &h) }
        case let map as [String: Any]:
            h.add(5); h.add(UInt64(map.count))
            for key in map.keys.sorted() {
                h.add(key)
                if let item = map[key] { add(item, to: &h) }
            }
        case let fragment as HTMLFragment:
            h.add(7); h.add(fragment.key)
        default:
            h.add(6); h.add(String(describing: value))
        }
    }
}

/// HTML that a template inserts raw (`{{{content}}}`), made only when rendered and identified by
/// a key, so a page's context can be hashed without hashing (or even making) the HTML.
struct HTMLFragment: MustacheCustomRenderable, @unchecked Sendable {
    let key: StableHash
    let make: () -> String
    var renderText: String { make() }
    var isNull: Bool { false }
}

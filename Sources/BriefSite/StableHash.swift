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
        var fragments: [StableHash: HTMLFragment] = [:]
        return of(value, template: template, templates: templates, fragments: &fragments)
    }

    /// The hash, and every HTML fragment in the context (for `HTMLFragment.splice`).
    static func of(
        _ value: Any, template: String, templates: StableHash, fragments: inout [StableHash: HTMLFragment]
    ) -> StableHash {
        var h = StableHash()
        h.add(template)
        h.add(templates)
        add(value, to: &h, fragments: &fragments)
        return h
    }

    private static func add(_ value: Any, to h: inout StableHash, fragments: inout [StableHash: HTMLFragment]) {
        switch value {
        case let text as String:
            h.add(1); h.add(text)
        case let flag as Bool:
            h.add(flag ? 2 : 3)
        case let list as [Any]:
            h.add(4); h.add(UInt64(list.count))
            for item in list { add(item, to: &h, fragments: &fragments) }
        case let map as [String: Any]:
            h.add(5); h.add(UInt64(map.count))
            for key in map.keys.sorted() {
                h.add(key)
                if let item = map[key] { add(item, to: &h, fragments: &fragments) }
            }
        case let fragment as HTMLFragment:
            h.add(7); h.add(fragment.key)
            fragments[fragment.key] = fragment
        default:
            h.add(6); h.add(String(describing: value))
        }
    }
}

/// HTML that a template inserts raw (`{{{content}}}`), identified by a key so a page's context
/// can be hashed without hashing the HTML. Mustache renders only a short marker; `splice` then
/// writes the HTML (with its root and id placeholders filled) straight into the page's bytes, so
/// large bodies (the book holds every brief) never pass through Mustache's string building.
struct HTMLFragment: MustacheCustomRenderable, Sendable {
    let key: StableHash
    /// Body HTML with `BodyToken` placeholders, filled with `root` and `idPrefix`.
    let html: String
    let root: String
    let idPrefix: String
    /// The book's copy of a body (`RenderedBody.forBook`), cut only when a page that shows it is
    /// actually written: planning every build hashes the key, never scans the HTML.
    var bookCopy = false
    /// A chart page's copy: only the body's chart figure of this index (`ChartPages.figure`).
    var chartIndex: Int? = nil

    var renderText: String { Self.marker(key) }
    var isNull: Bool { false }

    /// A per-process nonce keeps author text from ever forming a marker; markers never reach output.
    private static let nonce: String = {
        let hex = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }()

    static func marker(_ key: StableHash) -> String { "\u{1}" + nonce + key.description + "\u{1}" }

    /// `rendered` with every marker replaced by its fragment's HTML.
    static func splice(_ rendered: String, fragments: [StableHash: HTMLFragment]) -> [UInt8] {
        let bytes = Array(rendered.utf8)
        guard !fragments.isEmpty else { return bytes }
        let markerLength = 1 + 16 + 16 + 1
        let nonceBytes = Array(nonce.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + fragments.values.reduce(0) { $0 + $1.html.utf8.count })
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x01, i + markerLength <= bytes.count, bytes[i + markerLength - 1] == 0x01,
               bytes[(i + 1)..<(i + 17)].elementsEqual(nonceBytes),
               let value = UInt64(String(decoding: bytes[(i + 17)..<(i + 33)], as: UTF8.self), radix: 16),
               let fragment = fragments[StableHash(value: value)] {
                let html = fragment.bookCopy ? RenderedBody.forBook(fragment.html)
                    : fragment.chartIndex.map { ChartPages.figure($0, in: fragment.html) ?? "" } ?? fragment.html
                BodyToken.fill(html, root: fragment.root, idPrefix: fragment.idPrefix, into: &out)
                i += markerLength
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}

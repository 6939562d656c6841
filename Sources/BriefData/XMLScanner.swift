/// A small, non-recursive reader of the XML inside `.xlsx` files: start tags with their
/// attributes, end tags and text, with the five named entities and character references
/// decoded. Namespace prefixes are dropped (`x:c` → `c`); comments, processing instructions and
/// DOCTYPEs are skipped; CDATA is text. Malformed input ends the scan instead of trapping.
struct XMLScanner {
    enum Event {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    private let b: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) {
        b = bytes
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
    }

    /// The next event, or nil at the end (or at the first malformed construct). Comments,
    /// processing instructions and declarations are skipped in a loop, never by recursion.
    mutating func next() -> Event? {
        while true {
            switch step() {
            case .skipped: continue
            case .event(let event): return event
            case .end: return nil
            }
        }
    }

    private enum Step { case event(Event), skipped, end }

    private mutating func step() -> Step {
        guard let event = scan() else { return i < b.count && skipping ? .skipped : .end }
        return .event(event)
    }

    /// Set by `scan` when it consumed a comment or declaration rather than failing.
    private var skipping = false

    private mutating func scan() -> Event? {
        skipping = false
        guard i < b.count else { return nil }
        if b[i] != 0x3C {  // text up to the next '<'
            let start = i
            while i < b.count && b[i] != 0x3C { i += 1 }
            return .text(XMLScanner.decode(b[start..<i]))
        }
        if matches("<!--") {
            guard let end = find("-->", from: i + 4) else { i = b.count; return nil }
            i = end + 3
            skipping = true
            return nil
        }
        if matches("<![CDATA[") {
            let start = i + 9
            guard let end = find("]]>", from: start) else { i = b.count; return nil }
            i = end + 3
            return .text(String(decoding: b[start..<end], as: UTF8.self))
        }
        if matches("<?") || matches("<!") {
            guard let end = find(">", from: i + 2) else { i = b.count; return nil }
            i = end + 1
            skipping = true
            return nil
        }
        i += 1
        if i < b.count && b[i] == 0x2F {  // </name>
            i += 1
            let name = readName()
            while i < b.count && b[i] != 0x3E { i += 1 }
            i += 1
            return .end(name: name)
        }
        let name = readName()
        guard !name.isEmpty else { i = b.count; return nil }
        var attributes: [String: String] = [:]
        while i < b.count {
            skipSpace()
            guard i < b.count else { break }
            if b[i] == 0x3E { i += 1; return .start(name: name, attributes: attributes, selfClosing: false) }
            if b[i] == 0x2F {
                i += 1
                if i < b.count && b[i] == 0x3E { i += 1 }
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            let key = readName(keepPrefix: true)
            guard !key.isEmpty else { i = b.count; return nil }
            skipSpace()
            guard i < b.count, b[i] == 0x3D else { i = b.count; return nil }  // '='
            i += 1
            skipSpace()
            guard i < b.count, b[i] == 0x22 || b[i] == 0x27 else { i = b.count; return nil }
            let quote = b[i]
            i += 1
            let start = i
            while i < b.count && b[i] != quote { i += 1 }
            guard i < b.count else { return nil }
            let value = XMLScanner.decode(b[start..<i])
            i += 1
            // Attributes keep their prefix (`r:id`) and are also found by their local name (`id`)
            // unless an unprefixed attribute has it.
            attributes[key] = value
            if let colon = key.firstIndex(of: ":") {
                let local = String(key[key.index(after: colon)...])
                if attributes[local] == nil { attributes[local] = value }
            }
        }
        return nil
    }

    private func matches(_ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { expected in
            guard i + expected.count <= b.count else { return false }
            for k in 0..<expected.count where b[i + k] != expected[k] { return false }
            return true
        }
    }

    private func find(_ literal: StaticString, from start: Int) -> Int? {
        literal.withUTF8Buffer { expected -> Int? in
            guard let first = expected.first else { return nil }
            var p = start
            while p + expected.count <= b.count {
                if b[p] == first {
                    var same = true
                    for k in 1..<expected.count where b[p + k] != expected[k] { same = false; break }
                    if same { return p }
                }
                p += 1
            }
            return nil
        }
    }

    private mutating func skipSpace() {
        while i < b.count && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) { i += 1 }
    }

    private mutating func readName(keepPrefix: Bool = false) -> String {
        let start = i
        var local = i
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x3E || c == 0x2F || c == 0x3D { break }
            if c == 0x3A && !keepPrefix { local = i + 1 }
            i += 1
        }
        return String(decoding: b[(keepPrefix ? start : local)..<i], as: UTF8.self)
    }

    /// Text with entities and character references decoded; an unknown entity stays as written.
    static func decode(_ s: ArraySlice<UInt8>) -> String {
        guard s.contains(0x26) else { return String(decoding: s, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.startIndex
        while i < s.endIndex {
            guard s[i] == 0x26, let semi = s[i..<min(s.endIndex, i + 12)].firstIndex(of: 0x3B) else {
                out.append(s[i]); i += 1; continue
            }
            let name = String(decoding: s[(i + 1)..<semi], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i = semi + 1
            } else {
                out.append(s[i]); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

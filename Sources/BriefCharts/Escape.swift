/// Escaping for strings from data or a spec on their way into HTML or SVG.
enum Escape {
    /// Text content and attribute values alike: `& < > " '` become entities, so one function
    /// is safe in both contexts. Control characters other than tab and newline are dropped
    /// (they are not allowed in XML 1.0).
    static func html(_ s: String) -> String {
        var needs = false
        for u in s.utf8 where u == 0x26 || u == 0x3C || u == 0x3E || u == 0x22 || u == 0x27 || (u < 0x20 && u != 0x09 && u != 0x0A) {
            needs = true
            break
        }
        if !needs { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c.value < 0x20 && c != "\t" && c != "\n" { continue }
                if c.value == 0xFFFE || c.value == 0xFFFF { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

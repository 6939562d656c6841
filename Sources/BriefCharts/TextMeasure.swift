/// Text widths without a browser: Helvetica/Arial advance widths (per 1000 em) for the chart
/// font stack (Helvetica, Arial, Liberation Sans — all the same metrics), padded 8% for the
/// generic sans-serif a phone may fall back to (Roboto). Layout only ever needs an upper
/// bound, so erring wide is the safe side.
enum TextMeasure {
    /// Advance widths of ASCII 32…126 in Helvetica, per 1000 em.
    private static let ascii: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 … 9
        278, 278, 584, 584, 584, 556, 1015, // : ; < = > ? @
        667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A … M
        722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N … Z
        278, 278, 278, 469, 556, 333, // [ \ ] ^ _ `
        556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a … m
        556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n … z
        334, 260, 334, 584, // { | } ~
    ]

    /// How much wider than Helvetica the widest face of the stack may run.
    static let safety = 1.08

    /// The width of one character in em/1000.
    static func advance(_ s: Unicode.Scalar) -> Double {
        let v = s.value
        if v >= 32 && v <= 126 { return Double(ascii[Int(v - 32)]) }
        switch v {
        case 0x2212: return 584          // minus
        case 0x2013: return 556          // en dash
        case 0x2014, 0x2026: return 1000 // em dash, ellipsis
        case 0x2018, 0x2019: return 222
        case 0x201C, 0x201D: return 333
        case 0x00A0: return 278
        case 0x0300...0x036F, 0x200B...0x200F: return 0 // combining marks, zero-width
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return 1000 // wide: CJK, Hangul, full-width forms, emoji
        default: return 667 // other letters: roughly a capital's width
        }
    }

    /// The width in px of `text` set at `size` px.
    static func width(_ text: String, size: Double) -> Double {
        pixels(units(text), size: size)
    }

    /// The sum of `text`'s advance widths in em/1000: whole numbers, so sums of parts add up
    /// exactly to the sum of the whole.
    static func units(_ text: String) -> Double {
        // ASCII straight from the bytes (labels are mostly ASCII); anything else by scalar.
        var total = 0.0
        for b in text.utf8 {
            guard b >= 32 && b <= 126 else { return scalarUnits(text) }
            total += Double(ascii[Int(b - 32)])
        }
        return total
    }

    private static func scalarUnits(_ text: String) -> Double {
        var total = 0.0
        for s in text.unicodeScalars { total += advance(s) }
        return total
    }

    @inline(__always) static func pixels(_ units: Double, size: Double) -> Double {
        units * size / 1000 * safety
    }

    /// `text` shortened with an ellipsis to fit `maxWidth` px; unchanged when it fits.
    static func truncate(_ text: String, size: Double, maxWidth: Double) -> (text: String, truncated: Bool) {
        if width(text, size: size) <= maxWidth { return (text, false) }
        let ellipsis = advance("\u{2026}") * size / 1000 * safety
        var used = 0.0
        var out = ""
        for c in text {
            var w = 0.0
            for s in c.unicodeScalars { w += advance(s) }
            w = w * size / 1000 * safety
            if used + w + ellipsis > maxWidth { break }
            used += w
            out.append(c)
        }
        while out.last == " " { out.removeLast() }
        return (out + "\u{2026}", true)
    }

    /// `text` broken at spaces into at most `maxLines` lines of `maxWidth` px; a word too long
    /// for a line, or text left over, is cut with an ellipsis.
    static func wrap(_ text: String, size: Double, maxWidth: Double, maxLines: Int) -> (lines: [String], truncated: Bool) {
        // Words split on the space byte (a timeline wraps every event's text, in both drawings);
        // a line is a run of words, joined once it is settled.
        let words = text.utf8.split(separator: 0x20).map { String(Substring($0)) }
        let wordUnits = words.map { units($0) }
        let space = Double(ascii[0])
        var lines: [String] = []
        var truncated = false
        var start = 0, i = 0, currentUnits = 0.0
        while i < words.count {
            // The candidate line's width from its parts' (exact: advance sums are whole numbers).
            let candidateUnits = i == start ? wordUnits[i] : currentUnits + space + wordUnits[i]
            if pixels(candidateUnits, size: size) <= maxWidth {
                currentUnits = candidateUnits
                i += 1
                continue
            }
            if i == start {
                // One word wider than the line.
                let cut = truncate(words[i], size: size, maxWidth: maxWidth)
                lines.append(cut.text)
                truncated = truncated || cut.truncated
                i += 1
            } else {
                lines.append(words[start..<i].joined(separator: " "))
            }
            start = i
            currentUnits = 0
            if lines.count == maxLines { break }
        }
        if start < i && lines.count < maxLines {
            lines.append(words[start..<i].joined(separator: " "))
            start = i
        }
        if i < words.count, let last = lines.popLast() {
            let rest = ([last] + words[i...]).joined(separator: " ")
            lines.append(truncate(rest, size: size, maxWidth: maxWidth).text)
            truncated = true
        }
        return (lines.isEmpty ? [""] : lines, truncated)
    }
}

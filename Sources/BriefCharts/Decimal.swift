/// Locale-free number printing: SVG coordinates and human figures read the same everywhere.
enum Decimal {
    /// An SVG coordinate: at most 2 decimals, trailing zeros trimmed, never "-0".
    static func coordinate(_ v: Double) -> String {
        fixed(v, decimals: 2, trim: true)
    }

    /// `v` rounded to `decimals` places (half away from zero); `trim` drops trailing zeros.
    static func fixed(_ v: Double, decimals: Int, trim: Bool = false) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let count = writeFixed(v, decimals: decimals, trim: trim, into: buffer.baseAddress!)
            return String(decoding: UnsafeBufferPointer(start: buffer.baseAddress, count: count), as: UTF8.self)
        }
    }

    /// `fixed(v, decimals:trim:)` appended to `bytes` without an intermediate String: SVG markup
    /// built as bytes (`MarkupBytes`) writes every coordinate this way.
    static func appendFixed(_ v: Double, decimals: Int, trim: Bool, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let count = writeFixed(v, decimals: decimals, trim: trim, into: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: count))
        }
    }

    /// `fixed(v, decimals: 2, trim: true)` appended to `bytes` (`writeCoordinate`).
    static func appendCoordinate(_ v: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let count = writeCoordinate(v, into: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: count))
        }
    }

    /// `fixed(v, decimals: 2, trim: true)` written into `out` (at least 64 bytes free),
    /// returning the number of bytes: an SVG coordinate, the number written most often.
    @inline(__always)
    static func writeCoordinate(_ v: Double, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let scaled = (abs(v) * 100).rounded(.toNearestOrAwayFromZero)
        guard v.isFinite, scaled < 4.0e9 else { return writeFixed(v, decimals: 2, trim: true, into: out) }
        let n = UInt32(scaled)
        if n == 0 { out[0] = 0x30; return 1 }  // never "-0"
        var k = 0
        if v < 0 { out[0] = 0x2D; k = 1 }
        k += writeDigits(n / 100, into: out + k)
        let fraction = n % 100
        guard fraction != 0 else { return k }
        out[k] = 0x2E
        out[k + 1] = 0x30 + UInt8(fraction / 10)
        if fraction % 10 == 0 { return k + 2 }
        out[k + 2] = 0x30 + UInt8(fraction % 10)
        return k + 3
    }

    /// A whole number's digits written into `out` (at least 10 bytes free), returning their count.
    @inline(__always)
    static func writeDigits(_ n: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        // Division by the constant 10 only (a multiply): count the digits, then fill from the end.
        var count = 1
        var m = n
        while m >= 10 { m /= 10; count += 1 }
        m = n
        var i = count - 1
        while i > 0 {
            out[i] = 0x30 + UInt8(m % 10)
            m /= 10
            i -= 1
        }
        out[0] = 0x30 + UInt8(m)
        return count
    }

    /// Writes `v` rounded to `decimals` places into `out` (at least 64 bytes), returning the
    /// number of bytes written. Digits are made as bytes, not String edits: this runs for every
    /// coordinate of a chart.
    static func writeFixed(_ v: Double, decimals: Int, trim: Bool, into out: UnsafeMutablePointer<UInt8>) -> Int {
        func copy(_ text: String) -> Int {
            var k = 0
            for b in text.utf8.prefix(63) { out[k] = b; k += 1 }
            return k
        }
        guard v.isFinite else { out[0] = 0x30; return 1 }
        let d = max(0, min(decimals, 12))
        let scaled = (abs(v) * powersOfTen[d]).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the integer path loses digits; such figures do not occur in a chart,
        // but print something sensible rather than trap.
        guard scaled < 9.0e15 else { return copy(v < 0 ? "-" + wholeDigits(abs(v)) : wholeDigits(v)) }
        // n < 9e15 has at most 16 digits; d ≤ 12.
        var n = UInt64(scaled)
        if n == 0 {
            out[0] = 0x30
            if trim || d == 0 { return 1 }
            out[1] = 0x2E
            for k in 0..<d { out[2 + k] = 0x30 }
            return 2 + d
        }
        // Digits, least significant first, into out[32...]: 32-bit division while the number
        // fits, which is every coordinate.
        let digits = out + 32
        var count = 0
        while n > UInt64(UInt32.max) {
            digits[count] = 0x30 + UInt8(n % 10)
            n /= 10
            count += 1
        }
        var m = UInt32(n)
        while m > 0 {
            digits[count] = 0x30 + UInt8(m % 10)
            m /= 10
            count += 1
        }
        while count <= d { digits[count] = 0x30; count += 1 }
        var fractionStart = 0
        if trim { while fractionStart < d && digits[fractionStart] == 0x30 { fractionStart += 1 } }
        var k = 0
        if v < 0 { out[k] = 0x2D; k += 1 }
        for i in stride(from: count - 1, through: d, by: -1) { out[k] = digits[i]; k += 1 }
        if fractionStart < d {
            out[k] = 0x2E
            k += 1
            for i in stride(from: d - 1, through: fractionStart, by: -1) { out[k] = digits[i]; k += 1 }
        }
        return k
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12]

    private static func wholeDigits(_ v: Double) -> String {
        var s = v.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    /// `grouped(text)` appended to `out` as UTF-8 (no String made); reports whether `text` was
    /// a plain decimal (grouped or short), else it was appended as is.
    @discardableResult
    static func appendGrouped(_ text: String, to out: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { b -> Bool in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count * 2 + 4) { buffer in
                let written = writeGrouped(b, into: buffer.baseAddress!)
                out.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: written.count))
                return written.plain
            }
        }
    }

    /// `grouped` of the UTF-8 text `b`, written into `out` (at least `2 × b.count + 4` bytes free):
    /// how many bytes, and whether `b` was a plain decimal (else it is copied as is).
    static func writeGrouped(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> (count: Int, plain: Bool) {
        var i = 0
        if b.count >= 1 && (b[0] == 0x2D || b[0] == 0x2B) {
            i = 1
        } else if b.count >= 3 && b[0] == 0xE2 && b[1] == 0x88 && b[2] == 0x92 {  // U+2212 minus sign
            i = 3
        }
        var wholeEnd = i
        while wholeEnd < b.count && b[wholeEnd] >= 0x30 && b[wholeEnd] <= 0x39 { wholeEnd += 1 }
        let wholeCount = wholeEnd - i
        var plain = wholeCount > 0
        if plain && wholeEnd < b.count {
            plain = b[wholeEnd] == 0x2E
            var k = wholeEnd + 1
            while plain && k < b.count { plain = b[k] >= 0x30 && b[k] <= 0x39; k += 1 }
        }
        var k = 0
        guard plain, wholeCount > 3 else {
            for byte in b { out[k] = byte; k += 1 }
            return (k, plain)
        }
        for j in 0..<i { out[k] = b[j]; k += 1 }
        for j in 0..<wholeCount {
            if j > 0 && (wholeCount - j) % 3 == 0 { out[k] = 0x2C; k += 1 }
            out[k] = b[i + j]
            k += 1
        }
        for j in wholeEnd..<b.count { out[k] = b[j]; k += 1 }
        return (k, true)
    }

    /// Inserts thousands separators into the integer part of a plain decimal string
    /// ("-6798.982" → "-6,798.982"); any other text is returned as is.
    static func grouped(_ text: String) -> String {
        // Most figures in a chart have at most three whole digits: nothing to insert.
        var wholeDigits = 0
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 { wholeDigits += 1 } else if b == 0x2E { break }
        }
        if wholeDigits <= 3 { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + wholeDigits / 3)
        guard appendGrouped(text, to: &out) else { return text }
        return String(decoding: out, as: UTF8.self)
    }

    /// The shortest text that reads back as `v`, in plain decimal notation where reasonable.
    static func shortest(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e-4 && a < 1e15 {
            var s = v.description
            // Bytes, not String.contains: in a module that sees Foundation that resolves to
            // NSString's range(of:), which cost a 200,000-row chart a third of its build.
            if s.utf8.contains(UInt8(ascii: "e")) { return fixed(v, decimals: 6, trim: true) }
            if s.hasSuffix(".0") { s.removeLast(2) }
            return s
        }
        return v.description
    }
}

import BriefDiagnostics

/// SVG and HTML markup built as UTF-8 bytes in one growing buffer: an append is a bounds check and
/// a copy, and numbers are written straight into the buffer, where a String append of an
/// interpolated piece costs an allocation and a UTF-8 check. Used where a drawing writes an
/// element per value (paths, points, data table cells); everything else builds Strings.
///
/// A value type over a class-held buffer, copied before a write when shared (copy on write).
struct MarkupBytes {
    private final class Buffer {
        var start: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            start = .allocate(capacity: self.capacity)
        }

        func copy() -> Buffer {
            let c = Buffer(capacity: capacity)
            c.start.update(from: start, count: count)
            c.count = count
            return c
        }

        func grow(toAtLeast needed: Int) {
            let bigger = max(needed, capacity * 2)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
            fresh.update(from: start, count: count)
            start.deallocate()
            start = fresh
            capacity = bigger
        }

        deinit { start.deallocate() }
    }

    private var buffer: Buffer

    init(capacity: Int = 0) { buffer = Buffer(capacity: capacity) }

    /// Bytes written so far.
    var count: Int { buffer.count }

    /// Room for `n` more bytes: where they go.
    @inline(__always)
    private mutating func room(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if !isKnownUniquelyReferenced(&buffer) { buffer = buffer.copy() }
        if buffer.count + n > buffer.capacity { buffer.grow(toAtLeast: buffer.count + n) }
        return buffer.start + buffer.count
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        room(bytes.count).update(from: base, count: bytes.count)
        buffer.count += bytes.count
    }

    mutating func add(_ s: StaticString) {
        s.withUTF8Buffer { add($0) }
    }

    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { add($0) }
    }

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { add($0) }
    }

    /// The bytes written so far, to read without copying.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(buffer) { try body(UnsafeBufferPointer(start: buffer.start, count: buffer.count)) }
    }

    /// An SVG coordinate as `n(_:)` writes it: at most two decimals, never `-0`.
    mutating func coordinate(_ v: Double) {
        let at = room(64)
        buffer.count += Decimal.writeCoordinate(v, into: at)
    }

    /// A whole number.
    mutating func int(_ i: Int) {
        let at = room(64)
        if i >= 0 && i <= Int(UInt32.max) {
            buffer.count += Decimal.writeDigits(UInt32(i), into: at)
        } else {
            buffer.count += Decimal.writeFixed(Double(i), decimals: 0, trim: true, into: at)
        }
    }

    /// A figure as the source wrote it, digit-grouped (`Decimal.grouped`) and HTML-escaped.
    mutating func figure(_ text: String) {
        // A plain decimal is digits, a sign, a point and commas: nothing to escape.
        var text = text
        let plain = text.withUTF8 { b -> Bool in
            let written = Decimal.writeGrouped(b, into: room(b.count * 2 + 4))
            if written.plain { buffer.count += written.count }
            return written.plain
        }
        if !plain { add(Escape.html(text)) }
    }

    var string: String { String(decoding: UnsafeBufferPointer(start: buffer.start, count: buffer.count), as: UTF8.self) }
}

import CRsvg

/// Writes opaque RGB pixels as a PNG: no filters, zlib's fastest level, no ancillary chunks.
///
/// cairo's own PNG writer (libpng at its default level, four bytes a pixel) took about 55 ms of
/// the 65 ms a 1200 × 630 card cost; this takes about 6 ms for a file of about the same size,
/// because a card is mostly flat colour. The bytes depend only on the pixels and zlib's version.
enum PNGWriter {
    /// `argb` is cairo's ARGB32 surface data (native-endian 32-bit pixels, premultiplied), whose
    /// alpha is 255 everywhere (SVGRaster paints white before drawing): its RGB is the colour.
    static func png(argb: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> [UInt8]? {
        var raw = [UInt8](repeating: 0, count: height * (1 + width * 3))
        raw.withUnsafeMutableBufferPointer { out in
            var o = 0
            for y in 0..<height {
                out[o] = 0  // filter: none
                o += 1
                let row = argb + y * stride
                for x in 0..<width {
                    let p = UInt32(littleEndian: UnsafeRawPointer(row + x * 4).loadUnaligned(as: UInt32.self))
                    out[o] = UInt8(truncatingIfNeeded: p >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: p >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: p)
                    o += 3
                }
            }
        }
        var deflated = [UInt8](repeating: 0, count: Int(compressBound(uLong(raw.count))))
        var size = uLongf(deflated.count)
        let status = deflated.withUnsafeMutableBufferPointer { d in
            raw.withUnsafeBufferPointer { r in compress2(d.baseAddress, &size, r.baseAddress, uLong(r.count), 1) }
        }
        guard status == Z_OK else { return nil }
        deflated.removeSubrange(Int(size)...)

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits per channel, truecolour, deflate, no filter method choice, no interlace
        chunk("IHDR", header, into: &png)
        chunk("IDAT", deflated, into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
    }

    static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        png += bigEndian(UInt32(data.count))
        let typed = Array(type.utf8) + data
        png += typed
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        png += bigEndian(UInt32(truncatingIfNeeded: crc))
    }
}

import BriefRaster
import CRsvg
import Foundation
import Testing

@Suite struct SVGRasterTests {
    static let svg = """
    <svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
    <rect width="120" height="60" fill="#ffffff"/><rect x="10" y="10" width="40" height="40" fill="#0072b2"/>
    <text x="60" y="40" font-family="Liberation Sans" font-size="20" fill="#1b1b1b">Ab</text></svg>
    """

    /// Reads a PNG's size from its IHDR chunk.
    static func size(_ png: [UInt8]) -> (Int, Int)? {
        guard png.count > 24, png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func be(_ i: Int) -> Int { png[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    @Test func drawsAPNGOfTheAskedSize() throws {
        let png = try SVGRaster.png(svg: Self.svg, width: 120, height: 60).get()
        let size = try #require(Self.size(png))
        #expect(size.0 == 120 && size.1 == 60)
    }

    @Test func sameSVGSameBytes() throws {
        let a = try SVGRaster.png(svg: Self.svg, width: 120, height: 60).get()
        let b = try SVGRaster.png(svg: Self.svg, width: 120, height: 60).get()
        #expect(a == b)
    }

    @Test func textIsDrawnWithTheFixedFonts() throws {
        // Text must reach the pixels: the same drawing without the text differs.
        let with = try SVGRaster.png(svg: Self.svg, width: 120, height: 60).get()
        let without = try SVGRaster.png(svg: Self.svg.replacingOccurrences(of: ">Ab<", with: "><"), width: 120, height: 60).get()
        #expect(with != without)
    }

    @Test func brokenSVGIsAFailureNotACrash() {
        switch SVGRaster.png(svg: "<svg><g>", width: 10, height: 10) {
        case .success: Issue.record("an unclosed SVG was drawn")
        case .failure(let failure): #expect(failure.description.contains("librsvg"))
        }
    }

    /// The pixels of an RGB PNG without filters (what PNGWriter writes), read back with zlib.
    static func pixels(_ png: [UInt8]) -> (width: Int, rows: [[UInt8]])? {
        guard let (w, h) = size(png) else { return nil }
        var i = 8, idat: [UInt8] = []
        while i + 8 <= png.count {
            let length = png[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
            if type == "IDAT" { idat += png[(i + 8)..<(i + 8 + length)] }
            i += 12 + length
        }
        var raw = [UInt8](repeating: 0, count: h * (1 + w * 3))
        var rawSize = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { r in
            idat.withUnsafeBufferPointer { d in uncompress(r.baseAddress, &rawSize, d.baseAddress, uLong(d.count)) }
        }
        guard status == Z_OK, Int(rawSize) == raw.count else { return nil }
        return (w, (0..<h).map { y in Array(raw[(y * (1 + w * 3))..<((y + 1) * (1 + w * 3))]) })
    }

    @Test func pixelsAreTheDrawingsColours() throws {
        let png = try SVGRaster.png(svg: Self.svg, width: 120, height: 60).get()
        let image = try #require(Self.pixels(png))
        func rgb(_ x: Int, _ y: Int) -> [UInt8] { Array(image.rows[y][(1 + x * 3)..<(4 + x * 3)]) }
        #expect(image.rows.allSatisfy { $0[0] == 0 })         // filter byte: none
        #expect(rgb(20, 20) == [0x00, 0x72, 0xB2])             // inside the blue square
        #expect(rgb(5, 5) == [0xFF, 0xFF, 0xFF])               // the white background
        // A transparent drawing comes out on white, not black.
        let bare = try SVGRaster.png(svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>", width: 4, height: 4).get()
        #expect(try #require(Self.pixels(bare)).rows[1][1..<4].elementsEqual([0xFF, 0xFF, 0xFF]))
    }
}

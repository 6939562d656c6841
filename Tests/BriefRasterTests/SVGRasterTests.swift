import BriefRaster
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
}

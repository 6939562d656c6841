@testable import BriefSite
import Testing

/// The cache keys' hash: FNV-1a 64, the same in every process and on every machine, with each
/// string's length mixed in so that concatenations cannot collide.
@Suite struct StableHashTests {
    @Test func knownFNV1aValues() {
        // FNV-1a 64 test vectors (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
        var empty = StableHash()
        empty.add(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(empty.value == 0xcbf2_9ce4_8422_2325)
        var a = StableHash()
        Array("a".utf8).withUnsafeBytes { a.add($0) }
        #expect(a.value == 0xaf63_dc4c_8601_ec8c)
        var foobar = StableHash()
        Array("foobar".utf8).withUnsafeBytes { foobar.add($0) }
        #expect(foobar.value == 0x8594_4171_f739_67e8)
        #expect(StableHash().description == "cbf29ce484222325")
        #expect(StableHash(value: 0xff).description == "00000000000000ff")
    }

    @Test func partsAreSeparatedByTheirLengths() {
        func hash(_ parts: [String]) -> StableHash {
            var h = StableHash()
            for p in parts { h.add(p) }
            return h
        }
        #expect(hash(["ab", "c"]) != hash(["a", "bc"]))
        #expect(hash(["", "x"]) != hash(["x", ""]))
        #expect(hash(["abc"]) != hash(["ab", "c"]))
        #expect(hash(["ab", "c"]) == hash(["ab", "c"]))
        var bytes1 = StableHash(), bytes2 = StableHash()
        bytes1.add([1, 2] as [UInt8]); bytes1.add([3] as [UInt8])
        bytes2.add([1] as [UInt8]); bytes2.add([2, 3] as [UInt8])
        #expect(bytes1 != bytes2)
    }

    @Test func stringsAndTheirBytesHashAlike() {
        let text = "Pakistan–US 6,798.982 😀"
        #expect(StableHash.of(text) == StableHash.of(Array(text.utf8)))
        #expect(StableHash.of(text) != StableHash.of(text + " "))
    }
}

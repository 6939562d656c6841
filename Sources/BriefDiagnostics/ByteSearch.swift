/// The first offset at or after `start` where `needle` stands in `bytes`, or nil: the one byte
/// search the site and chart code share for cutting generated markup (no Foundation on the way).
public func firstOffset(of needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Int? {
    guard !needle.isEmpty, start >= 0, bytes.count >= needle.count else { return nil }
    var i = start
    while i + needle.count <= bytes.count {
        if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
        i += 1
    }
    return nil
}

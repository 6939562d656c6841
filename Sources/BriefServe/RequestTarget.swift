import BriefSite

/// A request's target turned into the key of a built file, by rules that leave no way out of the
/// site: the built site is a map in memory, so no path is ever joined onto a folder, and anything
/// that looks like an escape attempt is refused before the lookup rather than "cleaned up".
enum RequestTarget {
    /// Why a target cannot name a built file.
    enum Rejection: Error, Equatable {
        /// Malformed or hostile: raw bytes outside visible ASCII, a fragment, bad or double
        /// percent-encoding, a `.`/`..` segment, a backslash or NUL (400).
        case malformed
        /// Well-formed but never served: dotfiles and empty segments (404).
        case notFound
    }

    /// Longer targets are refused outright; no page of a briefing site is near this long.
    static let maximumLength = 4096

    /// The path part of `raw` (the request-target as received, query included), decoded once.
    /// The result starts with "/"; the query is dropped, since the site has no use for it.
    static func decodedPath(_ raw: String) -> Result<String, Rejection> {
        let bytes = Array(raw.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumLength, bytes[0] == UInt8(ascii: "/") else {
            return .failure(.malformed)
        }
        // Only visible ASCII may appear raw (RFC 3986); this also refuses invalid UTF-8, which the
        // HTTP parser hands over as U+FFFD, and a `#`, which never belongs in a request.
        for byte in bytes where byte < 0x21 || byte > 0x7E || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\\") {
            return .failure(.malformed)
        }
        let path = bytes.prefix { $0 != UInt8(ascii: "?") }

        var decoded: [UInt8] = []
        decoded.reserveCapacity(path.count)
        var index = path.startIndex
        while index < path.endIndex {
            let byte = path[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < path.endIndex,
                      let high = hexValue(path[index + 1]), let low = hexValue(path[index + 2])
                else { return .failure(.malformed) }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        // Decoded exactly once: what is left must not need decoding again or mean anything to a
        // file system (a `%` left over is double encoding; `\` is a separator on Windows).
        for byte in decoded where byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\\") {
            return .failure(.malformed)
        }
        guard let text = String(validating: decoded, as: UTF8.self) else { return .failure(.malformed) }

        let segments = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (offset, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return .failure(.malformed) }
            if segment.hasPrefix(".") { return .failure(.notFound) }
            // An empty segment is fine only as the last one ("/dir/").
            if segment.isEmpty && offset != segments.count - 1 { return .failure(.notFound) }
        }
        return .success(text)
    }

    /// The key of the built file for a decoded path: "/" and "/dir/" mean their index.html.
    static func fileKey(forDecodedPath path: String) -> String {
        let key = String(path.dropFirst())
        return key.isEmpty || key.hasSuffix("/") ? Route.indexFile(inFolder: key) : key
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

import BriefDiagnostics

/// A compact binary form of the build cache. JSON through Foundation's Codable was 40% of a
/// no-change build of 1,000 briefs; this writes and reads length-prefixed fields directly.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value))
        for _ in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v)); v >>= 8 }
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for v in values { string(v) }
    }

    mutating func map(_ values: [String: String]) {
        int(values.count)
        for key in values.keys.sorted() { string(key); string(values[key] ?? "") }
    }

    mutating func hash(_ value: StableHash) { int(Int(Int64(bitPattern: value.value))) }

    mutating func rows(_ rows: [ContentSnapshot.RowHash]) {
        int(rows.count)
        bytes.reserveCapacity(bytes.count + rows.count * 16)
        for r in rows { int(Int(Int64(bitPattern: r.key))); int(Int(Int64(bitPattern: r.value))) }
    }

    mutating func location(_ l: SourceLocation) { string(l.path); int(l.line); int(l.column) }

    mutating func charts(_ charts: [ChartRecord]) {
        int(charts.count)
        for c in charts { string(c.id); string(c.title); string(c.dataset); string(c.specHash); hash(c.figureHash); int(c.figureStart); int(c.figureEnd) }
    }

    mutating func figures(_ figures: [FigureRecord]) {
        int(figures.count)
        for f in figures { string(f.reference); string(f.value); string(f.sentence) }
    }

    mutating func body(_ b: RenderedBody) {
        string(b.html)
        int(b.headings.count)
        for h in b.headings { int(h.level); string(h.text); string(h.id) }
        strings(b.datasets)
        string(b.searchWords)
        hash(b.contentHash)
        int(b.wordCount)
        int(b.chartCount)
        strings(b.ids)
        int(b.anchors.count)
        for a in b.anchors { string(a.page); string(a.fragment); location(a.location) }
        strings(b.links)
        charts(b.charts)
        figures(b.figures)
        strings(b.cited)
    }
}

/// Reads what `CacheWriter` wrote; any inconsistency gives nil (the cache is then ignored).
struct CacheReader {
    struct Corrupt: Error {}
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    mutating func int() throws -> Int {
        guard offset + 8 <= bytes.count else { throw Corrupt() }
        var v: UInt64 = 0
        for i in (0..<8).reversed() { v = v << 8 | UInt64(bytes[offset + i]) }
        offset += 8
        return Int(Int64(bitPattern: v))
    }

    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset else { throw Corrupt() }
        return n
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: bytes[offset..<offset + n], as: UTF8.self)
    }

    mutating func strings() throws -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    mutating func rows() throws -> [ContentSnapshot.RowHash] {
        let n = try int()
        guard n >= 0, n <= (bytes.count - offset) / 16 else { throw Corrupt() }
        var out: [ContentSnapshot.RowHash] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            let key = UInt64(bitPattern: Int64(try int())), value = UInt64(bitPattern: Int64(try int()))
            out.append(.init(key: key, value: value))
        }
        return out
    }

    mutating func map() throws -> [String: String] {
        let n = try count()
        var out: [String: String] = [:]
        out.reserveCapacity(n)
        for _ in 0..<n { let k = try string(); out[k] = try string() }
        return out
    }

    mutating func hash() throws -> StableHash { StableHash(value: UInt64(bitPattern: Int64(try int()))) }

    mutating func location() throws -> SourceLocation {
        SourceLocation(path: try string(), line: try int(), column: try int())
    }

    mutating func charts() throws -> [ChartRecord] {
        try (0..<count()).map { _ in
            ChartRecord(id: try string(), title: try string(), dataset: try string(), specHash: try string(), figureHash: try hash(),
                        figureStart: try int(), figureEnd: try int())
        }
    }

    mutating func figures() throws -> [FigureRecord] {
        try (0..<count()).map { _ in FigureRecord(reference: try string(), value: try string(), sentence: try string()) }
    }

    mutating func body() throws -> RenderedBody {
        let html = try string()
        let headings = try (0..<count()).map { _ in
            RenderedBody.Heading(level: try int(), text: try string(), id: try string())
        }
        let datasets = try strings()
        let words = try string()
        let contentHash = try hash()
        let wordCount = try int(), chartCount = try int()
        let ids = try strings()
        let anchors = try (0..<count()).map { _ in
            AnchorLink(page: try string(), fragment: try string(), location: try location())
        }
        return RenderedBody(
            html: html, headings: headings, datasets: datasets, searchWords: words, contentHash: contentHash,
            wordCount: wordCount, chartCount: chartCount, ids: ids, anchors: anchors,
            links: try strings(), charts: try charts(), figures: try figures(), cited: try strings())
    }
}

extension StoredCache {
    func encoded() -> [UInt8] {
        var w = CacheWriter()
        w.int(format)
        w.string(fingerprint)
        w.map(manifest.outputs)
        w.int(manifest.content == nil ? 0 : 1)
        if let content = manifest.content {
            w.int(content.briefs.count)
            for slug in content.briefs.keys.sorted() {
                guard let b = content.briefs[slug] else { continue }
                w.string(slug); w.string(b.title); w.string(b.source); w.charts(b.charts); w.figures(b.figures)
            }
            w.int(content.datasets.count)
            for name in content.datasets.keys.sorted() {
                guard let d = content.datasets[name] else { continue }
                w.string(name); w.string(d.title); w.string(d.hash); w.int(d.rowCount ?? d.rows.count); w.rows(d.rows)
            }
        }
        w.int(bodies.count)
        for key in bodies.keys.sorted() {
            guard let e = bodies[key] else { continue }
            w.string(key); w.hash(e.source); w.map(e.dependencies); w.body(e.body)
        }
        w.int(frontMatter.count)
        for key in frontMatter.keys.sorted() {
            guard let f = frontMatter[key] else { continue }
            w.string(key); w.string(f.title); w.string(f.date); w.string(f.summary ?? "\u{0}")
            w.strings(f.tags); w.strings(f.authors); w.int(f.draft ? 1 : 0)
        }
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) -> StoredCache? {
        var r = CacheReader(bytes)
        do {
            let format = try r.int()
            guard format == currentFormat else { return nil }
            let fingerprint = try r.string()
            var manifest = Manifest()
            manifest.outputs = try r.map()
            if try r.int() == 1 {
                var content = ContentSnapshot()
                for _ in 0..<(try r.count()) {
                    let slug = try r.string()
                    content.briefs[slug] = .init(title: try r.string(), source: try r.string(),
                                                 charts: try r.charts(), figures: try r.figures())
                }
                for _ in 0..<(try r.count()) {
                    let name = try r.string()
                    content.datasets[name] = .init(title: try r.string(), hash: try r.string(), rowCount: try r.int(), rows: try r.rows())
                }
                manifest.content = content
            }
            var bodies: [String: BodyCache.Entry] = [:]
            for _ in 0..<(try r.count()) {
                let key = try r.string()
                bodies[key] = .init(source: try r.hash(), dependencies: try r.map(), body: try r.body())
            }
            var frontMatter: [String: FrontMatterCache.Fields] = [:]
            for _ in 0..<(try r.count()) {
                let key = try r.string()
                let title = try r.string(), date = try r.string(), summary = try r.string()
                frontMatter[key] = .init(title: title, date: date, summary: summary == "\u{0}" ? nil : summary,
                                         tags: try r.strings(), authors: try r.strings(), draft: try r.int() == 1)
            }
            guard r.atEnd else { return nil }
            return StoredCache(format: format, fingerprint: fingerprint, manifest: manifest, bodies: bodies, frontMatter: frontMatter)
        } catch {
            return nil
        }
    }
}

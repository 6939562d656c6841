/// Every file the site publishes. This table alone knows where each one goes in the output
/// folder, how one page links to another (the `../` that takes a page back to the site root),
/// its public URL, and the key under which a body records that it depends on it.
///
/// Nothing else in Brief spells an output path: `RouteTests` greps the sources for
/// `index.html"` built by interpolation and for `"../`, so a hand-built path cannot creep back in.
public enum Route: Hashable, Sendable {
    /// `index.html`
    case home
    /// `briefs/<slug>/index.html`
    case brief(String)
    /// `briefs/<slug>/cite.bib` and `cite.ris`
    case citation(String, CitationFile)
    /// `pages/<slug>/index.html`
    case page(String)
    /// `tags/index.html`
    case tags
    /// `tags/<slug>/index.html`
    case tag(String)
    /// `data/index.html`: the catalogue of datasets.
    case dataIndex
    /// `data/<name>/index.html`, and for long tables `data/<name>/page/<n>/index.html` (Hugo's paging).
    case dataset(String, page: Int = 1)
    /// `data/<name>.csv` and `.json`: the downloads.
    case datasetFile(String, DataFile)
    /// `bibliography/index.html`
    case bibliography
    /// `book/index.html`: every brief on one printable page.
    case book
    /// `changes/index.html`
    case changes
    /// `changes/manifest.json`: the content snapshot `brief diff --base <folder>` compares with.
    case changesManifest
    /// `404.html`
    case notFound
    /// `search-index.js`
    case searchIndex
    /// `feed.xml`
    case feed
    /// `sitemap.xml`
    case sitemap
    /// `<owner folder>charts/<id>/index.html`: a chart's own page (its figure, source, downloads
    /// and embed code); the owner is the brief or page the chart is in.
    indirect case chart(Route, String)
    /// `<owner folder>charts/<id>/chart.svg`: the chart's wide drawing as a file of its own.
    indirect case chartSVG(Route, String)
    /// `briefs/<slug>/card.png`: a brief's social card (og:image).
    case socialCard(String)
    /// A page of another language's edition: the same route under the language's folder
    /// (`ur/briefs/<slug>/index.html`), as Hugo publishes every language but the default.
    indirect case translated(String, Route)
    /// A file published as it is (`assets/…` from Content/, `static/…` from the theme), or a
    /// page named by a path in site.yml's `nav`: the output path itself.
    case file(String)

    public enum CitationFile: String, Sendable { case bib, ris }
    public enum DataFile: String, Sendable { case csv, json }

    /// The output path, relative to the output folder, "/"-separated.
    public var path: String {
        switch self {
        case .file(let path): return path
        case .notFound: return "404.html"
        case .searchIndex: return "search-index.js"
        case .feed: return "feed.xml"
        case .sitemap: return "sitemap.xml"
        case .changesManifest: return "changes/manifest.json"
        case .citation(let slug, let file): return "briefs/" + slug + "/cite." + file.rawValue
        case .datasetFile(let name, let file): return "data/" + name + "." + file.rawValue
        case .chartSVG(let owner, let id): return Route.chart(owner, id).folder + Self.chartSVGFile
        case .socialCard(let slug): return "briefs/" + slug + "/" + Self.socialCardFile
        case .translated(let code, let route): return code + "/" + route.path
        default: return folder + Self.indexFile
        }
    }

    /// The folder a page is the index of ("", "briefs/x/", "data/"), as its URL ends; for a file
    /// that is not an index page, its path.
    public var folder: String {
        switch self {
        case .home: return ""
        case .brief(let slug): return "briefs/" + slug + "/"
        case .page(let slug): return "pages/" + slug + "/"
        case .tags: return "tags/"
        case .tag(let slug): return "tags/" + slug + "/"
        case .dataIndex: return "data/"
        case .dataset(let name, let page): return page <= 1 ? "data/" + name + "/" : "data/" + name + "/page/" + String(page) + "/"
        case .bibliography: return "bibliography/"
        case .book: return "book/"
        case .changes: return "changes/"
        case .chart(let owner, let id): return owner.folder + "charts/" + id + "/"
        case .translated(let code, let route): return code + "/" + route.folder
        case .file(let path) where path.hasSuffix("/" + Self.indexFile) || path == Self.indexFile:
            return String(path.dropLast(Self.indexFile.count))
        default: return path
        }
    }

    /// Whether the route is an HTML page (counted as a page, listed in the sitemap when an index).
    public var isPage: Bool { path.hasSuffix(".html") }

    /// How many folders deep the output file sits.
    public var depth: Int { path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }

    /// The relative path from this route's file back to the site root: "", "../", "../../".
    public var root: String { String(repeating: Self.up, count: depth) }

    /// The relative href from this route's page to `target`, with an optional `#fragment`: a
    /// file inside this page's own folder by the rest of its path (`cite.bib`, `page/2/index.html`),
    /// anything else back up to the root and down again.
    public func href(to target: Route, fragment: String = "") -> String {
        let own = folder, path = target.path
        if own != self.path, path.hasPrefix(own) { return String(path.dropFirst(own.count)) + fragment }
        return Self.href(to: target, fromRoot: root) + fragment
    }

    /// The href of `target` from a page whose way back to the root is `root` (bodies are rendered
    /// once with a placeholder root, filled in for each page that shows them).
    public static func href(to target: Route, fromRoot root: String) -> String { root + target.path }

    /// The public URL of the route under the site's `base_url` (which ends with "/").
    public func url(base: String) -> String { base + folder }

    /// What a body that links to or draws on this route records as its dependency, if anything.
    var dependency: Dependency? {
        switch self {
        case .brief(let slug): return .brief(slug)
        case .page(let slug): return .page(slug)
        case .dataset(let name, _), .datasetFile(let name, _): return .dataset(name)
        case .file(let path) where path.hasPrefix(Dependency.assetsFolder): return .asset(path)
        default: return nil
        }
    }

    /// The route of a path written in site.yml's `nav` ("/data/", "about", "x.html").
    public static func nav(_ written: String) -> Route {
        var p = Substring(written)
        while p.hasPrefix("/") { p.removeFirst() }
        if p.isEmpty { return .home }
        if p.hasSuffix(".html") { return .file(String(p)) }
        return .file(p.hasSuffix("/") ? p + indexFile : p + "/" + indexFile)
    }

    /// The file a request for a folder ("", "briefs/x/") is answered with.
    public static func indexFile(inFolder folder: String) -> String {
        folder.isEmpty || folder.hasSuffix("/") ? folder + indexFile : folder + "/" + indexFile
    }

    static let indexFile = "index.html"
    static let chartSVGFile = "chart.svg"
    static let socialCardFile = "card.png"

    /// The brief or page whose body has this cache key ("briefs/x", "pages/y").
    static func owner(ofBody key: String) -> Route {
        key.hasPrefix("pages/") ? .page(String(key.dropFirst("pages/".count))) : .brief(String(key.dropFirst("briefs/".count)))
    }
    static let up = "../"
}

/// What a rendered body depends on outside its own Markdown. Its `key` is the spelling stored in
/// the cache, so it stays fixed.
enum Dependency: Hashable, Sendable {
    case brief(String)
    case page(String)
    /// A file under Content/assets/, by its output path ("assets/x.png").
    case asset(String)
    case dataset(String)
    /// Content/references.bib.
    case bibliography

    static let assetsFolder = "assets/"

    var key: String {
        switch self {
        case .brief(let slug): return "briefs/" + slug
        case .page(let slug): return "pages/" + slug
        case .asset(let path): return path
        case .dataset(let name): return "data:" + name
        case .bibliography: return "bib"
        }
    }

    /// The page a brief or page body belongs to, as anchors and the body cache name it.
    var route: Route? {
        switch self {
        case .brief(let slug): return .brief(slug)
        case .page(let slug): return .page(slug)
        case .asset(let path): return .file(path)
        case .dataset(let name): return .dataset(name)
        case .bibliography: return nil
        }
    }
}

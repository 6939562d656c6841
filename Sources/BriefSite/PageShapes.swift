/// The shape of every page kind's template context: what templates may use. Templates are
/// checked against these before anything renders, and the context builders produce exactly them.
enum PageShapes {
    static let link: Shape = .object(["title": .text, "href": .text])
    static let tag: Shape = .object(["name": .text, "href": .text, "count": .text, "countLabel": .text])
    static let briefSummary: Shape = .object([
        "title": .text, "href": .text, "date": .text, "dateISO": .text, "summary": .optional(.text),
        "tags": .list(tag),
    ])

    /// Keys every page has (the layout's).
    static let common: [String: Shape] = [
        "site": .object(["title": .text, "description": .text, "language": .text]),
        "page": .object([
            "title": .text, "description": .text, "kind": .text,
            "canonical": .optional(.text), "ogType": .text,
            // Highwire `citation_*` tags and schema.org JSON-LD (briefs only).
            "meta": .list(.object(["name": .text, "content": .text])), "jsonLD": .optional(.html),
            // The social card (briefs only): og:image and Twitter's summary_large_image.
            "image": .optional(.object(["url": .text, "width": .text, "height": .text, "alt": .text])),
        ]),
        "root": .text,
        "nav": .list(.object(["title": .text, "href": .text, "current": .flag])),
        "feed": .optional(.object(["href": .text])),
    ].merging(languageKeys) { a, _ in a }

    static func with(_ extra: [String: Shape]) -> Shape {
        .object(common.merging(extra) { _, new in new })
    }

    static let home = with([
        "keyFigures": .list(.object([
            "label": .text, "value": .text, "period": .text, "change": .optional(.text),
            "changeDirection": .text, "sparkline": .html, "href": .text, "source": .text,
        ])),
        "hasKeyFigures": .flag,
        "briefs": .list(briefSummary),
        "tags": .list(tag),
        "datasetsHref": .text,
        "datasetCount": .text,
    ])

    static let brief = with([
        "brief": .object([
            "title": .text, "date": .text, "dateISO": .text, "summary": .optional(.text),
            "authors": .optional(.text), "tags": .list(tag), "readingTime": .text,
            "content": .html, "toc": .list(.object(["id": .text, "text": .text, "sub": .flag])),
            "hasToc": .flag, "previous": .optional(link), "next": .optional(link),
            "datasets": .list(.object(["title": .text, "href": .text, "source": .text, "csvHref": .text])),
            "citation": .text, "citeBibHref": .text, "citeRisHref": .text,
        ]),
    ])

    static let bibliography = with([
        "entries": .list(.object([
            "id": .text, "html": .html, "key": .text, "citedBy": .list(link), "hasCitedBy": .flag,
        ])),
    ])

    static let page = with(["content": .html, "summary": .optional(.text)])
    static let tagPage = with(["tag": .object(["name": .text, "briefs": .list(briefSummary)])])
    static let tagIndex = with(["tags": .list(tag)])
    static let dataset = with([
        "dataset": .object([
            "title": .text, "name": .text, "source": .text, "sourceURL": .optional(.text),
            "publisher": .optional(.text), "retrieved": .optional(.text), "units": .optional(.text),
            "period": .optional(.text), "confidence": .optional(.text), "caveats": .optional(.text),
            "notes": .optional(.text), "license": .optional(.text), "table": .html,
            "csvHref": .text, "jsonHref": .text, "rows": .text, "usedBy": .list(link), "hasUsers": .flag,
            "quotes": .list(.object([
                "url": .optional(.text), "publisher": .text, "retrieved": .text, "retrievedISO": .text, "text": .text,
            ])),
            "hasQuotes": .flag,
        ]),
    ])
    static let datasetIndex = with([
        "datasets": .list(.object(["title": .text, "href": .text, "source": .text, "rows": .text, "units": .optional(.text)])),
    ])
    static let book = with([
        "briefs": .list(.object([
            "title": .text, "id": .text, "date": .text, "dateISO": .text, "authors": .optional(.text),
            "summary": .optional(.text), "content": .html,
        ])),
    ])
    static let notFound = with([:])
    /// A chart's own page (ChartPages.swift).
    static let chart = with([
        "chart": .object([
            "title": .text, "figure": .html, "brief": link, "svgHref": .text, "svgName": .text,
            "data": .optional(.object(["title": .text, "href": .text, "csvHref": .text])),
            "embed": .text, "embedNeedsBase": .flag, "embedNote": .html,
        ]),
    ])
    static let changes = with([
        "changes": .object([
            "hasChanges": .flag, "added": .list(link), "removed": .list(.object(["title": .text])), "edited": .list(link),
            "charts": .list(.object(["title": .text, "href": .text, "brief": .text, "why": .text, "where": .text,
                                     "drawings": .optional(.object(["before": .html, "after": .html]))])),
            "figures": .list(.object(["reference": .text, "before": .text, "after": .text, "href": .text, "brief": .text,
                                      "sentence": .text])),
            "heading": .text, "base": .text,
            "datasets": .list(.object(["title": .text, "href": .text, "summary": .text])),
            "has": .object(["added": .flag, "removed": .flag, "edited": .flag, "charts": .flag, "figures": .flag, "datasets": .flag]),
        ]),
    ])
}

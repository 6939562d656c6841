@testable import BriefSite
import BriefData
import Testing

/// The body cache on its own: an entry is reused only while its Markdown and every dataset and
/// link target it looked at are unchanged; bodies with errors are never kept.
@Suite struct BodyCacheTests {
    static func dataset(_ value: String) throws -> Dataset {
        try Dataset.parseCSV("year,exports\nFY2021-22,\(value)\n", name: "exports", path: "Content/data/exports.csv",
                             metadata: DatasetMetadata(title: "Exports", source: "Tests", path: "Content/data/exports.yml"))
    }

    static func renderer(_ value: String, briefs: Set<String> = ["a", "b", "c"]) throws -> BodyRenderer {
        BodyRenderer(datasets: ["exports": try dataset(value)], briefSlugs: briefs, pageSlugs: [], draftSlugs: [], assets: [])
    }

    static func job(_ slug: String, _ markdown: String) -> BodyJob {
        BodyJob(key: "briefs/\(slug)", markdown: markdown, path: "Content/briefs/\(slug).md", folder: "briefs", page: "briefs/\(slug)")
    }

    static let jobs = [
        job("a", "Exports reached `@exports.exports[FY2021-22]` million.\n"),
        job("b", "See [the first brief](a.md).\n"),
        job("c", "Nothing to look up.\n"),
    ]

    static let dependencies = ["data:exports": "hash-1", "briefs/a": "1", "briefs/b": "1", "briefs/c": "1"]

    @Test func unchangedInputsReuseEveryBody() throws {
        let cache = BodyCache()
        let first = cache.bodies(for: Self.jobs, renderer: try Self.renderer("6798.982"), dependencies: Self.dependencies)
        #expect(cache.renderedCount == 3)
        #expect(first.allSatisfy { !$0.diagnostics.hasErrors })
        #expect(first[0].html.contains("6,798.982"))
        let second = cache.bodies(for: Self.jobs, renderer: try Self.renderer("6798.982"), dependencies: Self.dependencies)
        #expect(cache.renderedCount == 0)
        #expect(second.map(\.html) == first.map(\.html))
        #expect(Set(cache.entries.keys) == ["briefs/a", "briefs/b", "briefs/c"])
    }

    @Test func aDatasetChangeRerendersOnlyTheBodiesThatReadIt() throws {
        let cache = BodyCache()
        _ = cache.bodies(for: Self.jobs, renderer: try Self.renderer("6798.982"), dependencies: Self.dependencies)
        #expect(cache.entries["briefs/a"]?.dependencies["data:exports"] == "hash-1")
        #expect(cache.entries["briefs/c"]?.dependencies.isEmpty == true)

        var changed = Self.dependencies
        changed["data:exports"] = "hash-2"
        let bodies = cache.bodies(for: Self.jobs, renderer: try Self.renderer("7000.5"), dependencies: changed)
        #expect(cache.renderedCount == 1)
        #expect(bodies[0].html.contains("7,000.5"))
        #expect(!bodies[0].html.contains("6,798.982"))
        #expect(cache.entries["briefs/a"]?.dependencies["data:exports"] == "hash-2")
    }

    @Test func aRemovedLinkTargetRerendersTheBodyThatLinksToIt() throws {
        let cache = BodyCache()
        _ = cache.bodies(for: Self.jobs, renderer: try Self.renderer("1"), dependencies: Self.dependencies)
        #expect(cache.entries["briefs/b"]?.dependencies["briefs/a"] == "1")

        var gone = Self.dependencies
        gone["briefs/a"] = nil
        let jobs = Array(Self.jobs.dropFirst())
        let bodies = cache.bodies(for: jobs, renderer: try Self.renderer("1", briefs: ["b", "c"]), dependencies: gone)
        #expect(cache.renderedCount == 1)
        // The link now points nowhere: an error, and a body with errors is not kept.
        #expect(bodies[0].diagnostics.hasErrors)
        #expect(cache.entries["briefs/b"] == nil)
        #expect(cache.entries["briefs/a"] == nil, "entries for jobs no longer built are dropped")
        #expect(cache.entries["briefs/c"] != nil)

        // Still broken next time: rendered again, not served from the cache.
        _ = cache.bodies(for: jobs, renderer: try Self.renderer("1", briefs: ["b", "c"]), dependencies: gone)
        #expect(cache.renderedCount == 1)
    }

    @Test func editedMarkdownOrPathIsRenderedAgain() throws {
        let cache = BodyCache()
        _ = cache.bodies(for: Self.jobs, renderer: try Self.renderer("1"), dependencies: Self.dependencies)
        var jobs = Self.jobs
        jobs[2].markdown = "Edited.\n"
        jobs[1].path = "Content/briefs/renamed.md"
        let bodies = cache.bodies(for: jobs, renderer: try Self.renderer("1"), dependencies: Self.dependencies)
        #expect(cache.renderedCount == 2)
        #expect(bodies[2].html.contains("Edited."))
    }

    @Test func storedEntriesServeAFreshCache() throws {
        let cache = BodyCache()
        let first = cache.bodies(for: Self.jobs, renderer: try Self.renderer("6798.982"), dependencies: Self.dependencies)
        // A new process starts from the stored entries: nothing needs rendering.
        let restored = BodyCache(entries: cache.entries)
        let again = restored.bodies(for: Self.jobs, renderer: try Self.renderer("6798.982"), dependencies: Self.dependencies)
        #expect(restored.renderedCount == 0)
        #expect(again.map(\.html) == first.map(\.html))
    }
}

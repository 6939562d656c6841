@testable import BriefServe
import BriefSite
import Foundation
import Testing

/// Edit → rebuild → "reload"; break → "problems" with the last good site still served; fix →
/// "reload". On a real temp project with the watcher running.
@Suite("Live reload flow")
struct LiveReloadFlowTests {
    @Test("one write is one rebuild, then open pages get reload")
    func editRebuildsOnceAndReloads() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project, watch: true)
        let port = server.port
        let briefPath = project.project + "/Content/briefs/first.md"
        try await withHangGuard(60) {
            let events = try await RawClient.readEvents(port: port, until: ["event: reload"]) {
                try project.write("Content/briefs/first.md", TempProject.brief(title: "First brief", body: "An edited sentence."))
            }
            #expect(events.contains("data: reload\n"))
            let (result, changes) = try await server.nextBuild()
            #expect(result.succeeded)
            #expect(changes == [briefPath])
            let page = try await RawClient.request("/briefs/first/", port: port)
            #expect(page.bodyText.contains("An edited sentence."))
            #expect(page.bodyText.contains("data-generation=\"2\""))

            // The next rebuild is caused by the sentinel alone: the edit gave exactly one.
            try project.write("Content/pages/sentinel.md", "---\ntitle: Sentinel\n---\nS\n")
            let (_, next) = try await server.nextBuild()
            #expect(next == [project.project + "/Content/pages/sentinel.md"])
        }
        try await server.stop()
    }

    @Test("a broken build keeps the last good site and shows problems; fixing it reloads")
    func brokenThenFixed() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project, watch: true)
        let port = server.port
        try await withHangGuard(60) {
            let broken = try await RawClient.readEvents(port: port, until: ["event: problems"]) {
                try project.write("Content/briefs/first.md", "---\ntitle: [unclosed\ndate: 2024-05-01\n---\nBody\n")
            }
            let (result, _) = try await server.nextBuild()
            #expect(!result.succeeded)
            let data = broken.components(separatedBy: "event: problems\ndata: ").last ?? ""
            #expect(data.contains("Content/briefs/first.md:"))
            #expect(data.contains(": error: "))
            #expect(!data.contains(project.root))
            #expect(!broken.contains("event: reload"))

            // The last good site is still served, and a page opened now learns of the errors.
            let page = try await RawClient.request("/briefs/first/", port: port)
            #expect(page.status == 200)
            #expect(page.bodyText.contains("The first brief body text."))
            let late = try await RawClient.readEvents(port: port, query: "?generation=1", until: ["event: problems"])
            #expect(late.contains("Content/briefs/first.md:"))

            let fixed = try await RawClient.readEvents(port: port, query: "?generation=1", until: ["event: reload"]) {
                try project.write("Content/briefs/first.md", TempProject.brief(title: "First brief", body: "Fixed again."))
            }
            #expect(fixed.contains("event: reload"))
            let (again, _) = try await server.nextBuild()
            #expect(again.succeeded)
            #expect(try await RawClient.request("/briefs/first/", port: port).bodyText.contains("Fixed again."))
        }
        try await server.stop()
    }

    @Test("a dataset edit re-renders the brief that shows its figure, then reloads")
    func datasetEditReloadsTheBriefThatUsesIt() async throws {
        let project = try TempProject()
        try FileManager.default.createDirectory(atPath: project.project + "/Content/data", withIntermediateDirectories: true)
        try project.write("Content/data/trade.csv", "year,exports\nFY2021-22,6798.982\n")
        try project.write("Content/data/trade.yml", "title: Trade\nsource: Tests\n")
        try project.write("Content/briefs/first.md",
                          TempProject.brief(title: "First brief", body: "Exports were `@trade.exports[FY2021-22]` million."))
        let server = try await RunningServer(project: project, watch: true)
        let port = server.port
        let csvPath = project.project + "/Content/data/trade.csv"
        try await withHangGuard(60) {
            let before = try await RawClient.request("/briefs/first/", port: port)
            #expect(before.status == 200)
            #expect(before.bodyText.contains("6,798.982"))

            let events = try await RawClient.readEvents(port: port, until: ["event: reload"]) {
                try project.write("Content/data/trade.csv", "year,exports\nFY2021-22,7123.5\n")
            }
            #expect(events.contains("data: reload\n"))
            let (result, changes) = try await server.nextBuild()
            #expect(result.succeeded)
            #expect(changes == [csvPath])
            // Only the dataset changed, yet the brief that quotes it shows the new figure.
            let after = try await RawClient.request("/briefs/first/", port: port)
            #expect(after.bodyText.contains("7,123.5"))
            #expect(!after.bodyText.contains("6,798.982"))
            let dataPage = try await RawClient.request("/data/trade/", port: port)
            #expect(dataPage.bodyText.contains("7,123.5"))
        }
        try await server.stop()
    }

    @Test("a page from an older generation is told to reload at once")
    func staleGenerationReloads() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        try await withHangGuard {
            let text = try await RawClient.readEvents(port: server.port, query: "?generation=999", until: ["event: reload"])
            #expect(text.contains("data: reload"))
        }
        try await server.stop()
    }

    @Test("serve writes no file into the project")
    func writesNothing() async throws {
        let project = try TempProject()
        let before = try FileManager.default.subpathsOfDirectory(atPath: project.root).sorted()
        let server = try await RunningServer(project: project, watch: true)
        try await withHangGuard {
            _ = try await RawClient.request("/", port: server.port)
        }
        try await server.stop()
        let after = try FileManager.default.subpathsOfDirectory(atPath: project.root).sorted()
        #expect(before == after)
        #expect(!after.contains("project/Output"))
    }
}

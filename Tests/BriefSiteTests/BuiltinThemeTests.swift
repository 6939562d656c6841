import BriefSite
import BriefTheme
import Foundation
import Testing

/// The theme compiled into `brief` (BriefTheme, generated from Templates/ by `make theme`
/// and committed) and how a site's own templates override it file by file.
@Suite struct BuiltinThemeTests {
    /// Templates/ of this repository, non-hidden files, relative path → bytes.
    static func templatesFolder() -> [String: [UInt8]] {
        loadTree(packageRoot + "/Templates", as: "").reduce(into: [:]) { files, entry in
            let relative = String(entry.key.dropFirst())
            if !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { files[relative] = entry.value }
        }
    }

    static func content() -> [String: [UInt8]] {
        loadTree(packageRoot + "/Tests/Fixtures/site/Content", as: "Content")
    }

    static func build(_ files: [String: [UInt8]]) -> BuildResult {
        Site.build(.inMemory(bytes: files), options: BuildOptions(builtinTemplates: BuiltinTheme.files))
    }

    @Test func builtinThemeIsTheTemplatesFolderByteForByte() {
        let folder = Self.templatesFolder()
        #expect(!folder.isEmpty)
        #expect(BuiltinTheme.paths == folder.keys.sorted())
        for (path, bytes) in folder {
            #expect(BuiltinTheme.files[path] == bytes, "built-in \(path) differs from Templates/\(path): run make theme")
        }
        #expect(BuiltinTheme.files["layout.mustache"] != nil && BuiltinTheme.files["static/site.css"] != nil)
    }

    @Test func siteWithoutTemplatesBuildsTheSameAsWithTheFolder() {
        let withFolder = Site.build(.inMemory(bytes: fixtureFiles()))
        let builtIn = Self.build(Self.content())
        #expect(withFolder.succeeded && builtIn.succeeded, "\(builtIn.diagnostics)")
        #expect(builtIn.outputs.map(\.path) == withFolder.outputs.map(\.path))
        #expect(builtIn.outputs == withFolder.outputs)
        #expect(builtIn.outputs.contains { $0.path == "static/site.css" })
    }

    @Test func withoutTheBuiltinThemeAndTemplatesTheBuildSaysSo() {
        let result = Site.build(.inMemory(bytes: Self.content()))
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.message == "no templates found in Templates/" })
    }

    @Test func onePartialOverridesTheBuiltinTheme() throws {
        var files = Self.content()
        files["Templates/partials/footer.mustache"] = Array("<footer class=\"site-footer\"><p>Our own footer</p></footer>\n".utf8)
        let result = Self.build(files)
        #expect(result.succeeded, "\(result.diagnostics)")
        let home = try #require(result.outputs.first { $0.path == "index.html" })
        #expect(text(home).contains("Our own footer"))
        let brief = try #require(result.outputs.first { $0.path.hasPrefix("briefs/") && $0.path.hasSuffix("/index.html") })
        #expect(text(brief).contains("Our own footer"))
        // Everything else still comes from the built-in theme.
        let css = try #require(result.outputs.first { $0.path == "static/site.css" })
        #expect(css.bytes == BuiltinTheme.files["static/site.css"])
    }

    @Test func aStaticFileOverridesItsBuiltinCopy() throws {
        var files = Self.content()
        files["Templates/static/site.css"] = Array("body { color: black; }\n".utf8)
        files["Templates/static/extra.css"] = Array("p { margin: 0; }\n".utf8)
        let result = Self.build(files)
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.outputs.first { $0.path == "static/site.css" }.map(text) == "body { color: black; }\n")
        #expect(result.outputs.first { $0.path == "static/extra.css" }.map(text) == "p { margin: 0; }\n")
        #expect(result.outputs.first { $0.path == "static/print.css" }?.bytes == BuiltinTheme.files["static/print.css"])
    }

    @Test func aBrokenOverrideIsReportedAtItsOwnFile() {
        var files = Self.content()
        files["Templates/partials/footer.mustache"] = Array("<footer>\n{{site.titel}}</footer>\n".utf8)
        let result = Self.build(files)
        #expect(!result.succeeded)
        let first = result.diagnostics.first { $0.severity == .error }
        #expect(first?.location.path == "Templates/partials/footer.mustache")
        #expect(first?.location.line == 2)
        #expect(first?.message == "unknown value 'site.titel' in template")
    }

    @Test func templatesFolderElsewhereIsOverlaidToo() throws {
        var files = Self.content()
        files["theme/partials/footer.mustache"] = Array("<footer><p>From theme/</p></footer>\n".utf8)
        let result = Site.build(.inMemory(bytes: files),
                                options: BuildOptions(templatesDir: "theme/", builtinTemplates: BuiltinTheme.files))
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.outputs.first { $0.path == "index.html" }.map(text)?.contains("From theme/") == true)
    }
}

import Foundation
import PackagePlugin

/// Compiles the package's Templates/ folder into the target it is applied to (BriefTheme) as
/// Swift source, so the installed `brief` binary carries its default theme with no resource
/// bundle beside it. Runs EmbedThemeTool whenever a file of Templates/ changes.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let templates = context.package.directoryURL.appendingPathComponent("Templates")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltinTheme+Files.swift")
        var inputs: [URL] = []
        let keys: [URLResourceKey] = [.isRegularFileKey]
        if let walker = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: Set(keys)))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding the Templates folder as the built-in theme",
                executable: try context.tool(named: "EmbedThemeTool").url,
                arguments: [templates.path, output.path],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output]),
        ]
    }
}

import Foundation
import PackagePlugin

/// Embeds resource files into a target as Swift string literals, so that the binary works
/// with no files around it: the default `config.yml` and every rule pack under `Rules/` for
/// the configuration target, the trained models under `Resources/models/` for the checks, the word
/// lists (`Resources/lexicons/*.txt`) for the core, the HTML entity table (`*.tsv`) for the parsers,
/// the OpenAPI document `docs/openapi.yaml` for the server.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL]
        if target.name == "CopydeskCore" {
            inputs = files(under: root.appendingPathComponent("Resources/lexicons"), ending: "txt")
        } else if target.name == "CopydeskChecks" {
            inputs = files(under: root.appendingPathComponent("Resources/models"), ending: "json")
        } else if target.name == "CopydeskParsers" {
            inputs = files(under: root.appendingPathComponent("Resources/lexicons"), ending: "tsv")
        } else if target.name == "CopydeskServer" {
            inputs = [root.appendingPathComponent("docs/openapi.yaml")]
        } else {
            inputs = [root.appendingPathComponent("config.yml")]
                + files(under: root.appendingPathComponent("Rules"), ending: "yml")
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [.buildCommand(
            displayName: "Embedding resources into \(target.name)",
            executable: try context.tool(named: "EmbedResourcesTool").url,
            arguments: [root.path, output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }

    private func files(under folder: URL, ending suffix: String) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == suffix }
    }
}

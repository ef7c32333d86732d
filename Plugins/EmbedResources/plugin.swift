import Foundation
import PackagePlugin

/// Embeds the default `config.yml` and every rule pack under `Rules/` into the
/// target as Swift string literals, so that the binary works with no files around it.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs = [root.appendingPathComponent("config.yml")]
        let rules = root.appendingPathComponent("Rules")
        if let walker = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "yml" {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [.buildCommand(
            displayName: "Embedding config.yml and Rules/",
            executable: try context.tool(named: "EmbedResourcesTool").url,
            arguments: [root.path, output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}

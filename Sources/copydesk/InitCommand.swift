import ArgumentParser
import Copydesk
import CopydeskCLI
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented starter .copydesk.yml here.")

    @Flag(name: .long, help: "Replace an existing .copydesk.yml.")
    var force = false

    static let starter = """
        # Copydesk configuration. It adds to the built-in defaults (the editorial and
        # newsroom packs); see `copydesk rules` for every rule and `copydesk explain RULE`.
        version: 1

        # More rule packs: shipped ones by name, or folders of rule files (relative to this file).
        # packs: [./style/house]

        # Per-rule settings: severity (error | warning | suggestion), enabled, params, message.
        rules:
          quote-unattributed: {severity: error}
          credit-missing: {severity: warning}
          # newsroom-numerals: {enabled: true}
          # credit-missing: {params: {agencies: ["Staff Photo"]}}

        # Which files a folder walk lints, and which it skips.
        # include: ["content/**/*.{md,html,txt}"]
        # exclude: ["content/archive/**"]

        # Lowest severity that makes `copydesk lint` exit 1.
        fail_on: error

        # Settings for some files only.
        # overrides:
        #   - files: ["opinion/**"]
        #     rules: {quote-unattributed: {enabled: false}}

        """

    func run() throws {
        let path = ".copydesk.yml"
        if FileManager.default.fileExists(atPath: path), !force {
            printError("error: \(path) already exists (use --force to replace it)")
            throw ExitCode(2)
        }
        do {
            try Self.starter.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            printError("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        print("wrote \(path)")
    }
}

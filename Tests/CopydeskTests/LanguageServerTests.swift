import Foundation
import Testing

/// `copydesk lsp`, driven by a real LSP client: pytest-lsp (on pygls) runs Tests/lsp/test_lsp.py
/// against the built binary — open a document, diagnostics at the expected UTF-16 ranges, a code
/// action applied and its diagnostic gone, hover, configuration from the workspace.
@Suite struct LanguageServerTests {
    @Test func drivenByARealClient() throws {
        let lsp = Support.root.appendingPathComponent("Tests/lsp")
        let run = try Support.process("/usr/bin/env", ["python3", "-m", "pytest", "-q", "-c", lsp.appendingPathComponent("pytest.ini").path,
                                                       "-p", "no:cacheprovider", lsp.path],
                                      env: ["COPYDESK": Support.binary.path])
        #expect(run.code == 0, "\(run.out.suffix(3000))\(run.err.suffix(1000))")
        #expect(run.out.contains("6 passed"), "\(run.out.suffix(500))")
    }
}

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

    /// A frame that is no JSON gets a parse error and the session goes on; an input that ends
    /// without `shutdown` exits 1, as LSP asks.
    @Test func aMalformedMessageIsAnsweredAndTheSessionGoesOn() throws {
        func frame(_ body: String) -> String { "Content-Length: \(body.utf8.count)\r\n\r\n" + body }
        let session = frame("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initi")
            + frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}")
            + frame("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no/such\"}")
            + frame("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}")
            + frame("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}")
        let run = try Support.run(["lsp"], stdin: Data(session.utf8))
        #expect(run.code == 0)
        let bodies = run.out.components(separatedBy: "\r\n\r\n").dropFirst().compactMap { chunk -> [String: Any]? in
            let body = chunk.components(separatedBy: "Content-Length:").first ?? ""
            return try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        }
        #expect(bodies.count == 4, "\(run.out)")
        #expect((bodies.first?["error"] as? [String: Any])?["code"] as? Int == -32700)
        #expect(bodies.contains { $0["id"] as? Int == 2 && ($0["result"] as? [String: Any])?["capabilities"] != nil })
        #expect(bodies.contains { $0["id"] as? Int == 3 && ($0["error"] as? [String: Any])?["code"] as? Int == -32601 })
        #expect(bodies.contains { $0["id"] as? Int == 4 && $0["result"] is NSNull })
        let unended = try Support.run(["lsp"], stdin: Data(frame("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}").utf8))
        #expect(unended.code == 1)
    }
}

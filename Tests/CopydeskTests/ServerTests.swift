import Copydesk
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `copydesk serve`, driven as a CMS would: the built binary listening on a loopback port,
/// real HTTP requests, its answers compared with what `copydesk lint --format json` prints.
@Suite struct ServerTests {
    /// A running `copydesk serve` on a free loopback port; stopped with SIGTERM.
    final class Server: Sendable {
        let process: Process
        let port: Int
        let log: URL

        init(_ arguments: [String] = []) throws {
            log = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-serve-\(UUID().uuidString).log")
            try Data().write(to: log)
            process = Process()
            process.executableURL = Support.binary
            process.arguments = ["serve", "--port", "0"] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            // the first line names the port: "copydesk serve: listening on http://127.0.0.1:PORT"
            var line = Data()
            while !line.contains(0x0A) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            port = Int(String(decoding: line, as: UTF8.self).split(separator: ":").last?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        }

        /// The CPU time the server has used (user and system, from /proc).
        var cpuSeconds: Double {
            let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
            // the fields after the command's closing parenthesis; utime and stime are the 12th and 13th
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
            return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
        }

        /// Sends SIGTERM and waits; returns the exit code.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }

        var accessLog: [[String: Any]] {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        /// One request; returns the status and the body.
        func request(_ path: String, method: String = "GET", body: Data? = nil,
                     contentType: String? = nil) async throws -> (status: Int, body: Data) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = method
            request.httpBody = body
            request.timeoutInterval = 300
            if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }

        /// `POST /v1/lint` of a file's bytes, reported under its name.
        func lint(_ file: URL, query: String = "") async throws -> (status: Int, json: [String: Any]) {
            let name = file.lastPathComponent.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            let answer = try await request("/v1/lint?path=\(name)\(query)", method: "POST", body: try Data(contentsOf: file))
            return (answer.status, try ServerTests.object(answer.body))
        }
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "not a JSON object: \(String(decoding: data.prefix(300), as: UTF8.self))")
    }

    /// What `copydesk lint --format json NAME` prints in the file's folder, as the comparable part
    /// (files and summary; the tool block is the same).
    static func commandLine(_ file: URL, _ extra: [String] = []) throws -> String {
        let result = try Support.run(["lint", "--format", "json"] + extra + [file.lastPathComponent], in: file.deletingLastPathComponent())
        return try comparable(object(Data(result.out.utf8)))
    }

    static func comparable(_ report: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["files": report["files"] ?? [], "summary": report["summary"] ?? [:]],
                                                     options: [.sortedKeys]), as: UTF8.self)
    }

    /// Pages of every rendition: the bundled examples and, when ../shared is here, real pages.
    static func pages() -> [URL] {
        let examples = ["harbor-road.md", "market-fire.html", "school-board.txt"].map {
            Support.root.appendingPathComponent("Examples").appendingPathComponent($0)
        }
        guard let real = Support.corpus("real") else { return examples }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: real.path).filter { !$0.hasPrefix("MANIFEST") && !$0.hasPrefix("README") }.sorted()) ?? []
        return examples + stride(from: 0, to: names.count, by: max(1, names.count / 12)).map { real.appendingPathComponent(names[$0]) }
    }

    @Test func answersWhatTheCommandLinePrints() async throws {
        let server = try Server()
        defer { _ = server.stop() }
        for page in Self.pages() {
            let (status, json) = try await server.lint(page)
            #expect(status == 200, "\(page.lastPathComponent)")
            #expect(try Self.comparable(json) == Self.commandLine(page), "\(page.lastPathComponent)")
        }
        // a JSON body, with a publication date, as `--published` gives it
        let page = Self.pages()[0]
        let body = try JSONSerialization.data(withJSONObject: ["text": String(contentsOf: page, encoding: .utf8),
                                                               "path": page.lastPathComponent, "published": "2031-02-03"])
        let answer = try await server.request("/v1/lint", method: "POST", body: body, contentType: "application/json")
        #expect(answer.status == 200)
        #expect(try Self.comparable(Self.object(answer.body)) == Self.commandLine(page, ["--published", "2031-02-03"]))
        // a raw body without a name is read by its media type, else by its look
        let html = "<html><body><article><h1>Fire</h1><p>The hall burned.</p><p>© 2011 The Harbor Gazette</p></article></body></html>"
        for type in ["text/html", "application/octet-stream"] {
            let sniffed = try Self.object(try await server.request("/v1/lint?published=2024-05-01", method: "POST",
                                                                   body: Data(html.utf8), contentType: type).body)
            let file = try #require((sniffed["files"] as? [[String: Any]])?.first)
            #expect(file["format"] as? String == "html", "\(type)")
            #expect((file["diagnostics"] as? [[String: Any]])?.contains { $0["rule"] as? String == "copyright-year-mismatch" } == true)
        }
    }

    @Test func refusesWhatIsNoArticleWithAReason() async throws {
        let server = try Server(["--max-body-size", "64"])
        defer { _ = server.stop() }
        let cases: [(body: Data, type: String?, path: String, status: Int, message: String)] = [
            (Data("{\"text\": \"unclosed".utf8), "application/json", "/v1/lint", 400, "not a JSON object"),
            (Data("{\"path\": \"a.md\"}".utf8), "application/json", "/v1/lint", 400, "'text' is missing"),
            (Data("{\"text\": 3}".utf8), "application/json", "/v1/lint", 400, "'text' must be a string"),
            (Data("A story.".utf8), "text/plain", "/v1/lint?format=pdf", 400, "unknown format 'pdf'"),
            (Data("A story.".utf8), "text/plain", "/v1/lint?published=2025-13-45", 400, "'published' is not a date"),
            (Data([0x41, 0x00, 0x42]), nil, "/v1/lint", 400, "NUL byte"),
            (Data(), "text/plain", "/v1/lint", 400, "empty"),
            (Data(repeating: 0x61, count: 65 << 10), "text/plain", "/v1/lint", 413, "larger than the server's limit of 65536 bytes"),
        ]
        for c in cases {
            let answer = try await server.request(c.path, method: "POST", body: c.body, contentType: c.type)
            #expect(answer.status == c.status, "\(c.message)")
            let message = (try Self.object(answer.body)["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains(c.message), "\(message)")
        }
        // and still serves
        #expect(try await server.request("/healthz").status == 200)
    }

    @Test func servesItsRulesHealthAndOpenAPIDocument() async throws {
        let server = try Server()
        defer { _ = server.stop() }
        let health = try Self.object(try await server.request("/healthz").body)
        #expect(health["status"] as? String == "ok")
        let rules = try #require(try Self.object(try await server.request("/v1/rules").body)["rules"] as? [[String: Any]])
        let listed = try Support.run(["rules"]).out.split(separator: "\n").dropFirst().map { String($0.split(separator: " ")[0]) }
        #expect(rules.compactMap { $0["id"] as? String } == listed)
        let document = try await server.request("/openapi.yaml")
        #expect(document.body == (try Data(contentsOf: Support.root.appendingPathComponent("docs/openapi.yaml"))))
        #expect(try await server.request("/v1/nothing").status == 404)
    }

    /// Every kind of answer, checked against docs/openapi.yaml by jsonschema (Tests/tools/openapi_check.py).
    @Test func everyAnswerIsWhatTheOpenAPIDocumentSays() async throws {
        let server = try Server(["--max-body-size", "1024"])
        defer { _ = server.stop() }
        var requests: [(method: String, path: String, body: Data?, type: String?)] = [
            ("GET", "/healthz", nil, nil), ("GET", "/v1/rules", nil, nil), ("GET", "/openapi.yaml", nil, nil),
            ("POST", "/v1/lint", Data("{\"text\": 1}".utf8), "application/json"),
            ("POST", "/v1/lint?format=pdf", Data("A story.".utf8), "text/plain"),
            ("POST", "/v1/lint", Data(repeating: 0x61, count: 1_100 << 10), "text/plain"),
            ("POST", "/v1/lint?format=html", Data("<p>\u{201C}It burned all night,\u{201D}</p><figure><img src=a.jpg><figcaption>The hall.</figcaption></figure><p>The hall.</p>".utf8), nil),
        ]
        requests += Self.pages().filter { ((try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) < 1 << 20 }.map {
            ("POST", "/v1/lint?path=\($0.lastPathComponent)", try? Data(contentsOf: $0), nil)
        }
        let folder = try Support.temporaryFolder()
        var arguments = [Support.root.appendingPathComponent("Tests/tools/openapi_check.py").path,
                         Support.root.appendingPathComponent("docs/openapi.yaml").path]
        var statuses = Set<Int>()
        for (i, r) in requests.enumerated() {
            let answer = try await server.request(r.path, method: r.method, body: r.body, contentType: r.type)
            let file = folder.appendingPathComponent("\(i)")
            try answer.body.write(to: file)
            arguments += [r.method, r.path, String(answer.status), file.path]
            statuses.insert(answer.status)
        }
        #expect(statuses == [200, 400, 413])
        let check = try Support.process("/usr/bin/env", ["python3"] + arguments)
        #expect(check.code == 0, "\(check.out)\(check.err)")
    }

    @Test func fiftyConcurrentRequestsEachGetTheirOwnAnswer() async throws {
        let server = try Server()
        defer { _ = server.stop() }
        let pages = Self.pages()
        var expected: [String: String] = [:]
        for page in pages { expected[page.path] = try Self.comparable(try await server.lint(page).json) }
        let answers = try await withThrowingTaskGroup(of: (URL, Int, String).self) { group in
            for i in 0..<50 {
                let page = pages[i % pages.count]
                group.addTask {
                    let (status, json) = try await server.lint(page)
                    return (page, status, try Self.comparable(json))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 50)
        for (page, status, json) in answers {
            #expect(status == 200)
            #expect(json == expected[page.path], "\(page.lastPathComponent)")
        }
        let logged = server.accessLog.filter { $0["path"] as? String == "/v1/lint" && $0["status"] as? String == "200" }
        #expect(logged.count == 50 + pages.count)
        #expect(logged.allSatisfy { $0["method"] as? String == "POST" && $0["ms"] != nil && $0["time"] != nil })
    }

    @Test func aRequestOverTheTimeLimitIsAnswered503() async throws {
        let server = try Server(["--time-limit", "0.001"])
        defer { _ = server.stop() }
        let story = String(repeating: "The council met on Tuesday. \"We will vote in May,\" the mayor said.\n\n", count: 2_000)
        let answer = try await server.request("/v1/lint", method: "POST", body: Data(story.utf8), contentType: "text/plain")
        #expect(answer.status == 503)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("longer than the server's limit"))
    }

    @Test func sigtermAnswersTheRequestInHandThenExitsZero() async throws {
        let server = try Server()
        let story = String(repeating: "The council met on Tuesday. \"We will vote in May,\" the mayor said.\n\n", count: 3_000)
        let idle = server.cpuSeconds
        async let answer = server.request("/v1/lint", method: "POST", body: Data(story.utf8), contentType: "text/plain")
        // the request is in hand once the server has spent a fifth of a second of CPU on it
        for _ in 0..<1_500 where server.process.isRunning && server.cpuSeconds < idle + 0.2 {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(server.process.processIdentifier, SIGTERM)
        let (status, body) = try await answer
        #expect(status == 200)
        #expect((try Self.object(body)["files"] as? [Any])?.count == 1)
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        // a stopped server takes no more requests
        await #expect(throws: (any Error).self) { try await server.request("/healthz") }
    }

    /// `copydesk serve` hands its arguments to `copydesk-serve` beside it: the server's own help and
    /// usage errors come back through `copydesk`, and a `copydesk` copied without its server says so.
    @Test func copydeskServeHandsOverToTheServerBinary() throws {
        let help = try Support.run(["help", "serve"])
        #expect(help.code == 0)
        #expect(help.out.contains("USAGE: copydesk serve") && help.out.contains("--max-body-size"))
        let bad = try Support.run(["serve", "--port", "70000"])
        #expect(bad.code == 2)
        #expect(bad.err.contains("--port takes 0 to 65535") && bad.err.contains("copydesk serve --help"))

        let alone = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: alone) }
        let copy = alone.appendingPathComponent("copydesk")
        try FileManager.default.copyItem(at: Support.binary, to: copy)
        let missing = try Support.process(copy.path, ["serve", "--port", "0"])
        #expect(missing.code == 2)
        #expect(missing.err.contains("copydesk-serve, which is not beside this copydesk"))
    }
}

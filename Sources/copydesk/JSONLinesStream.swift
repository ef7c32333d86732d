import Copydesk
import Foundation

/// `lint --input jsonl`: articles read one JSON object a line from standard input, each result
/// written as a JSON line as soon as it is done, at most `jobs` articles in hand at once, so that
/// memory stays flat however long the stream (a mapper on a cluster).
struct JSONLinesStream {
    let linter: Linter
    let jobs: Int
    let published: PublicationDate?
    let threshold: Severity

    /// The result line for input line `number`, and the exit code it calls for (0, 1 or 2).
    func result(of line: String, number: Int) -> (String, Int32) {
        let article: JSONLinesInput
        switch JSONLinesInput.parse(line) {
        case .success(let a): article = a
        case .failure(let failure):
            return (JSONLinesReporter.errorLine(number: number, id: failure.id, message: failure.message), 2)
        }
        let report: FileReport
        switch linter.lint(submitted: article.text, path: article.path, format: article.format, published: article.published,
                           defaultPublished: published, unnamed: "<stdin>") {
        case .success(let r): report = r
        case .failure(let error):
            return (JSONLinesReporter.errorLine(number: number, id: article.id, message: error.message), 2)
        }
        let code: Int32 = report.error != nil ? 2 : report.diagnostics.contains { $0.severity >= threshold } ? 1 : 0
        return (JSONLinesReporter.line(report, id: article.id), code)
    }

    /// Runs the stream; returns the worst exit code of its lines.
    func run() async -> Int32 {
        let (lines, taken) = Self.standardInputLines(buffer: jobs * 4)
        var worst: Int32 = 0
        func write(_ done: (String, Int32)) {
            FileHandle.standardOutput.write(Data(done.0.utf8))
            worst = max(worst, done.1)
        }
        await withTaskGroup(of: (String, Int32).self) { group in
            var inHand = 0, number = 0
            for await line in lines {
                taken.signal()
                number += 1
                guard !line.allSatisfy(\.isWhitespace) else { continue }
                if inHand == jobs, let done = await group.next() {
                    write(done)
                    inHand -= 1
                }
                let n = number
                group.addTask { result(of: line, number: n) }
                inHand += 1
            }
            for await done in group { write(done) }
        }
        return worst
    }

    /// Standard input's lines, read on a thread of their own (a blocking read must not hold a
    /// thread of the concurrency pool), at most `buffer` lines ahead of the reader, who signals
    /// the semaphore for each line taken.
    static func standardInputLines(buffer: Int) -> (AsyncStream<String>, DispatchSemaphore) {
        let room = DispatchSemaphore(value: buffer)
        let lines = AsyncStream<String> { continuation in
            Thread {
                while let line = readLine(strippingNewline: true) {
                    room.wait()
                    continuation.yield(line)
                }
                continuation.finish()
            }.start()
        }
        return (lines, room)
    }
}

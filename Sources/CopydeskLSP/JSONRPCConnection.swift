import Foundation
import Synchronization

/// JSON-RPC over a byte stream as LSP frames it: a `Content-Length` header, a blank line, then
/// the JSON body. A thread of its own reads the input, so that the server can see every message
/// that has arrived (and lint a document once for a burst of keystrokes).
final class JSONRPCConnection: Sendable {
    private let input: FileHandle
    private let output: FileHandle
    /// Bodies read and not yet taken, and whether the input has ended.
    private let inbox = Mutex<(bodies: [Data], ended: Bool)>(([], false))
    private let arrived = DispatchSemaphore(value: 0)

    init(input: FileHandle, output: FileHandle) {
        self.input = input
        self.output = output
    }

    /// Starts reading; a malformed frame ends the input as its end would.
    func start() {
        Thread { [self] in
            var reader = FrameReader(input)
            while let body = reader.next() {
                inbox.withLock { $0.bodies.append(body) }
                arrived.signal()
            }
            inbox.withLock { $0.ended = true }
            arrived.signal()
        }.start()
    }

    /// The bodies of every message that has arrived, waiting for one; nil once the input has ended.
    func take() -> [Data]? {
        while true {
            let (bodies, ended) = inbox.withLock { state in
                defer { state.bodies = [] }
                return (state.bodies, state.ended)
            }
            if !bodies.isEmpty { return bodies }
            if ended { return nil }
            arrived.wait()
        }
    }

    /// Whether more messages are waiting.
    var hasWaiting: Bool { inbox.withLock { !$0.bodies.isEmpty } }

    func send(_ message: [String: Any]) {
        var object = message
        object["jsonrpc"] = "2.0"
        guard let body = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]) else { return }
        output.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }
}

/// Reads LSP frames from a file handle.
struct FrameReader {
    let handle: FileHandle
    var buffer = Data()

    init(_ handle: FileHandle) { self.handle = handle }

    /// The next body, nil at the end of the input or at a frame without a length.
    mutating func next() -> Data? {
        var length: Int?
        while true {
            guard let line = readLine() else { return nil }
            if line.isEmpty { break }
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        guard let length, length >= 0 else { return nil }
        while buffer.count < length {
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
        let body = buffer.prefix(length)
        buffer = Data(buffer.dropFirst(length))
        return Data(body)
    }

    /// A header line without its CR LF.
    private mutating func readLine() -> String? {
        while true {
            if let lf = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<lf]
                buffer = Data(buffer[buffer.index(after: lf)...])
                return String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
    }
}

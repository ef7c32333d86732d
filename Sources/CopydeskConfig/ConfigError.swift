import CopydeskCore

/// A bad configuration or rule file: which file, where, and what is wrong.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var location: SourceLocation?
    public var message: String

    public init(file: String, location: SourceLocation?, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`, as compilers print it.
    public var description: String {
        "\(file)\(location.map { ":\($0.line):\($0.column)" } ?? ""): \(message)"
    }
}

// The facade re-exports the layers, so that `import Copydesk` is all an embedder needs.
@_exported import CopydeskChecks
@_exported import CopydeskConfig
@_exported import CopydeskCore
@_exported import CopydeskParsers
@_exported import CopydeskReporters

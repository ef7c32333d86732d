// swift-tools-version:6.1
import PackageDescription

/// Swift's runtime and Foundation linked into the `copydesk` binary on Linux: a process no longer
/// loads and binds their shared libraries, which was 40% of what `copydesk version` cost
/// (docs/benchmarks.md). The modules are compiled against the shared SDK, whose Foundation does not
/// name the archives its static build needs, so they are named here. ThreadSanitizer's allocator
/// does not hold with a static runtime: `scripts/tsan` sets COPYDESK_SHARED_RUNTIME.
/// The toolchain's lld links it with packed relative relocations (DT_RELR): the loader then reads
/// 20 KB of them where gold's binary had 2.4 MB (104,000 entries), and the binary stays position-independent.
let staticRuntime: [LinkerSetting] = Context.environment["COPYDESK_SHARED_RUNTIME"] != nil ? [] : [
    .unsafeFlags(["-static-stdlib", "-lFoundation", "-lFoundationInternationalization", "-lFoundationEssentials",
                  "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
                  "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                 .when(platforms: [.linux])),
]

let package = Package(
    name: "Copydesk",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Copydesk", targets: ["Copydesk"]),
        .executable(name: "copydesk", targets: ["copydesk"]),
        .executable(name: "copydesk-serve", targets: ["copydesk-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // the HTTP server of `copydesk serve`; its swift-configuration support is not needed
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "CCmarkGFM", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "CopydeskCore", plugins: ["EmbedResources"]),
        .target(name: "CopydeskParsers", dependencies: ["CopydeskCore", "CCmarkGFM", "Yams"], plugins: ["EmbedResources"]),
        .target(name: "CopydeskChecks", dependencies: ["CopydeskCore"], plugins: ["EmbedResources"]),
        .target(name: "CopydeskReporters", dependencies: ["CopydeskCore"]),
        .target(name: "CopydeskConfig", dependencies: ["CopydeskCore", "CopydeskChecks", "Yams"],
                plugins: ["EmbedResources"]),
        .target(name: "Copydesk", dependencies: ["CopydeskCore", "CopydeskParsers", "CopydeskChecks",
                                                 "CopydeskReporters", "CopydeskConfig"]),
        .target(name: "CopydeskServer", dependencies: [
            "Copydesk", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
        ], plugins: ["EmbedResources"]),
        .target(name: "CopydeskLSP", dependencies: ["Copydesk"]),
        .target(name: "CopydeskCLI", dependencies: ["Copydesk", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "copydesk", dependencies: [
            "Copydesk", "CopydeskCLI", "CopydeskLSP", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: staticRuntime),
        // `copydesk serve` hands over to this binary: the HTTP stack kept out of `copydesk` saves
        // every other command its start-up cost
        .executableTarget(name: "copydesk-serve", dependencies: [
            "CopydeskCLI", "CopydeskServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: staticRuntime),
        .executableTarget(name: "EmbedResourcesTool"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedResourcesTool"]),
        // The tests run the built binary (`swift build --build-tests` builds every product) rather than
        // link its module: the static linking above would then apply to the test bundle too, and the
        // static SDK has no Testing library.
        .testTarget(name: "CopydeskTests", dependencies: ["Copydesk"]),
    ],
    swiftLanguageModes: [.v6]
)

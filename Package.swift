// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Copydesk",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Copydesk", targets: ["Copydesk"]),
        .executable(name: "copydesk", targets: ["copydesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CCmarkGFM", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "CopydeskCore"),
        .target(name: "CopydeskParsers", dependencies: ["CopydeskCore", "CCmarkGFM", "Yams"], plugins: ["EmbedResources"]),
        .target(name: "CopydeskChecks", dependencies: ["CopydeskCore"], plugins: ["EmbedResources"]),
        .target(name: "CopydeskReporters", dependencies: ["CopydeskCore"]),
        .target(name: "CopydeskConfig", dependencies: ["CopydeskCore", "CopydeskChecks", "Yams"],
                plugins: ["EmbedResources"]),
        .target(name: "Copydesk", dependencies: ["CopydeskCore", "CopydeskParsers", "CopydeskChecks",
                                                 "CopydeskReporters", "CopydeskConfig"]),
        .executableTarget(name: "copydesk", dependencies: [
            "Copydesk", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "EmbedResourcesTool"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedResourcesTool"]),
        .testTarget(name: "CopydeskTests", dependencies: ["Copydesk", "copydesk"]),
    ],
    swiftLanguageModes: [.v6]
)

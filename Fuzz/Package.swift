// swift-tools-version:6.0
// Fuzz targets for Copydesk, kept out of the main package so that its builds stay uninstrumented.
// Built and run by `scripts/fuzz` (see there for the flags); not part of `swift build` at the root.
import PackageDescription

// A path dependency is named by its folder, whatever the checkout is called.
let root = Context.packageDirectory + "/.."
let identity = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "copydesk").lowercased()

let package = Package(
    name: "CopydeskFuzz",
    dependencies: [.package(path: root)],
    targets: [
        .executableTarget(
            name: "copydesk-fuzz",
            dependencies: [.product(name: "Copydesk", package: identity)],
            // compiled for libFuzzer; linked with its driver but not its `main` (scripts/fuzz adds the
            // runtime's fuzzer_no_main archive), since the target starts the driver itself
            swiftSettings: [.unsafeFlags(["-parse-as-library", "-sanitize=fuzzer,address"])]),
    ],
    swiftLanguageModes: [.v6]
)

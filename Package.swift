// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every target of ours (a computed var, see SwiftPM #6597).
var ourSettings: [SwiftSetting] {
    [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}

let package = Package(
    name: "Sargs",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sargs", targets: ["sargs"]),
        .library(name: "SargsCore", targets: ["SargsCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .target(
            name: "SargsCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/taxonomy"), .copy("Resources/notice")],
            swiftSettings: ourSettings
        ),
        .executableTarget(
            name: "sargs",
            dependencies: [
                "SargsCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: ourSettings
        ),
        .testTarget(
            name: "SargsCoreTests",
            dependencies: ["SargsCore"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: ourSettings
        ),
        .testTarget(
            name: "SargsCLITests",
            dependencies: ["sargs"],
            swiftSettings: ourSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

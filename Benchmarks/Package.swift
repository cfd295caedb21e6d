// swift-tools-version:6.1
// In-process benchmarks (ordo-one/benchmark), kept in their own package so the main
// build and CI do not compile the benchmark tooling. Run from this directory:
//   swift package --disable-sandbox benchmark
import PackageDescription

let package = Package(
    name: "SargsBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Sargs", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "PolicyBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SargsCore", package: "Sargs"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Benchmarks/PolicyBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)

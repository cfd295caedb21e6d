import Benchmark
import SargsCore
import Yams

/// Load, validate and render a generated policy of 500 purposes and 2,000 categories.
/// Goal (issue 2): under 50 ms each on the 2-core reference machine.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10),
        maxIterations: 50
    )

    let yaml = LargePolicy.yaml(purposes: 500, categories: 2_000)
    let loaded = PolicyLoader.load(yaml: yaml, file: "bench.yaml")
    guard let policy = loaded.policy else {
        fatalError("the generated policy does not load: \(loaded.diagnostics.prefix(3).map(\.formatted))")
    }
    let findings = PolicyValidator.validate(policy, sourceMap: loaded.sourceMap)
    precondition(!findings.hasErrors, "the generated policy is invalid: \(findings.errors.prefix(3).map(\.formatted))")

    // Baseline: what the YAML library alone costs on the same text, so the loader's own
    // share (schema walk, positions, typed decoding) can be read off as a difference.
    Benchmark("Baseline: Yams compose only (same document)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Yams.compose(yaml: yaml, .basic))
        }
    }

    Benchmark("Load policy (500 purposes, 2000 categories)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(PolicyLoader.load(yaml: yaml, file: "bench.yaml"))
        }
    }

    Benchmark("Validate policy (500 purposes, 2000 categories)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(PolicyValidator.validate(policy, sourceMap: loaded.sourceMap))
        }
    }

    Benchmark("Render HTML notice (500 purposes, 2000 categories)") { benchmark in
        for _ in benchmark.scaledIterations {
            let document = try NoticeBuilder(policy: policy, language: "lv").build()
            blackHole(HTMLNoticeWriter.write(document))
        }
    }

    decisionBenchmarks()
    exportBenchmarks()
}

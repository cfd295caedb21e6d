import Benchmark
import Foundation
import SargsCore

/// The access package (Art. 15) of one subject with 10,000 data items: JSON, a CSV per category,
/// the HTML summary, the notice and the ZIP. Goal (issue 4): under 200 ms.
func exportBenchmarks() {
    let loaded = PolicyLoader.load(yaml: LargePolicy.yaml(purposes: 20, categories: 100), file: "bench.yaml")
    guard let policy = loaded.policy else { fatalError("the generated policy does not load") }
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)
    let categories = policy.dataCategories.map(\.key)
    let items = (0..<10_000).map { index in
        SubjectExport.Item(
            category: categories[index % categories.count], value: "value \(index), with \"quotes\" and ünïcode",
            source: "web", collectedFor: policy.purposes[index % policy.purposes.count].id,
            collectedAt: t0.addingTimeInterval(Double(index)), updatedAt: t0.addingTimeInterval(Double(index)))
    }
    let export = SubjectExport(subjectID: UUID(), country: "LV", language: "lv", items: items)
    guard let package = try? ExportPackage(policy: policy, language: "lv") else { fatalError("no package builder") }

    Benchmark(
        "Access export, 10,000 items (ZIP)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(10), maxIterations: 50)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try package.archive(export, scope: .access, generatedAt: t0))
        }
    }
}

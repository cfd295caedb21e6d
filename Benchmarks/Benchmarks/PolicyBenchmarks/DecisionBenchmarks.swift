import Benchmark
import Foundation
import SargsCore

/// The decision engine in process. Goal (issue 3): at least 1,000,000 decisions per second on one core.
func decisionBenchmarks() {
    let loaded = PolicyLoader.load(yaml: LargePolicy.yaml(purposes: 500, categories: 2_000), file: "bench.yaml")
    guard let policy = loaded.policy else { fatalError("the generated policy does not load") }
    let engine = DecisionEngine(policy: policy)
    let now = Date(timeIntervalSince1970: 1_767_225_600)
    // A realistic subject: a live contract, two consents, one withdrawal, one objection.
    let subject = SubjectState(
        birthDate: CivilDate(iso: "1990-05-01"),
        consents: [
            ConsentEvent(purpose: "purpose-2", state: .given, at: now.addingTimeInterval(-86_400 * 30)),
            ConsentEvent(purpose: "purpose-6", state: .given, at: now.addingTimeInterval(-86_400 * 20)),
            ConsentEvent(purpose: "purpose-6", state: .withdrawn, at: now.addingTimeInterval(-86_400)),
        ],
        relationships: [Relationship(kind: "customer", start: now.addingTimeInterval(-86_400 * 365))],
        objections: [Objection(purpose: "purpose-1", since: now.addingTimeInterval(-3_600))])
    let purposes = (0..<16).map { "purpose-\($0)" }

    Benchmark(
        "Decisions (1000 per iteration, mixed bases)",
        configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .kilo)
    ) { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(try engine.decide(subject, purpose: purposes[iteration % purposes.count], at: now))
        }
    }
}

import Foundation
import SargsCore
import SargsKit

/// A company system a request reaches (issue 25): a dataset Sargs queries itself, a processor it
/// asks over OpenDSR, or a system whose owner carries the request out by hand.
enum SystemTarget: Sendable {
    case dataset(CompanyDatasets.Entry)
    case processor(ExternalSystems.Processor)
    case manual(CompanySystem)

    /// The system's name in requests, the console and the audit trail.
    var name: String {
        switch self {
        case .dataset(let entry): return entry.system
        case .processor(let processor): return processor.name
        case .manual(let system): return system.id
        }
    }

    /// The request types a dataset carries out (Art. 15, 16, 17, 18, 20).
    static let datasetRequests: [RequestType] = [.access, .portability, .erasure, .rectification, .restriction]

    /// Every system that `type` reaches: the datasets for the rights they carry out, the others
    /// for the request types the policy gives them.
    static func all(
        for type: RequestType, datasets: CompanyDatasets, external: ExternalSystems
    ) -> [SystemTarget] {
        var targets: [SystemTarget] = []
        if datasetRequests.contains(type) {
            targets += datasets.entries.map(SystemTarget.dataset)
        }
        targets += external.processors.filter { $0.system.handledRequests.contains(type) }.map(SystemTarget.processor)
        targets += external.manual.filter { $0.handledRequests.contains(type) }.map(SystemTarget.manual)
        return targets
    }

    /// The system named `name` now (the policy may have changed since the request was approved).
    static func named(_ name: String, datasets: CompanyDatasets, external: ExternalSystems) -> SystemTarget? {
        if let entry = datasets.entry(name) { return .dataset(entry) }
        if let processor = external.processor(name) { return .processor(processor) }
        return external.manualSystem(name).map(SystemTarget.manual)
    }
}

/// Where a system's part stands after Sargs acted on it.
enum SystemStep: Sendable {
    /// Carried out and confirmed.
    case finished(SystemOutcome)
    /// Handed over: the processor or the owner has it until `due`.
    case waiting(due: Date?, progress: String?, task: OwnerTask?)
}

/// The message that hands a manual system's part to its owner.
struct OwnerTask: Sendable {
    var address: String
    var message: RequestMessage
}

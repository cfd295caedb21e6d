import Foundation
import SargsCore
import SargsKit

extension RetentionService {
    /// Retention's runner for the datasets' part (`DatasetErasureQueue`).
    var datasetErasures: DatasetErasureQueue.Runner {
        .init(keys: keys, store: store, clock: serverClock, datasets: datasets)
    }
}

extension RetentionService {
    /// The erasures retention sends to processors.
    var erasureOrders: ErasureOrders {
        .init(
            keys: keys, store: store, clock: serverClock, external: externalSystems, settings: settings,
            ruleSource: ruleSource)
    }
}

extension RetentionRunSummary {
    /// Adds what the datasets did in one carry-out.
    mutating func add(datasets tallies: [DatasetErasureQueue.Tally]) {
        add(datasets: tallies.map { DatasetCount(dataset: $0.dataset, rows: $0.rows, failedGroups: $0.failedGroups) })
    }
}

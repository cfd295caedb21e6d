import Foundation
import SargsCore
import SargsKit

/// Reads what each company dataset holds about a subject, for an access or portability package or
/// a direct transmission (Art. 20(2)); nothing read is kept. A dataset that cannot be read is named.
enum SystemReads {
    static func add(
        to export: inout SubjectExport, identities: [String: [String]], datasets: CompanyDatasets
    ) async {
        for entry in datasets.entries {
            guard let url = entry.url else {
                export.unreachableSystems.append(entry.system)
                continue
            }
            do {
                let found = try await ExternalDatabase.with(url: url) { _, sql, _ in
                    try await SQLDatasetConnector.make(entry.dataset, sql: sql).find(identities: identities, sql: sql)
                }
                let system = SystemExport(entry.dataset, found: found)
                if !system.collections.isEmpty { export.systems.append(system) }
            } catch {
                export.unreachableSystems.append(entry.system)
            }
        }
    }
}

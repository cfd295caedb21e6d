import Foundation
import SargsCore
import SargsKit

/// `sargs datasets probe`: what the connectors do against one database, for each of a list of
/// e-mail addresses, timed — counts and times only, never a value. For an operator checking that a
/// dataset file finds a subject's rows, and for the benchmarks at real size (`bench/connectors.sh`).
public enum DatasetProbe {
    /// One address's result: rows found (and, with an erasure, rows changed) and the time it took.
    public struct Result: Sendable {
        public var rows: Int
        public var changed: Int
        public var seconds: Double
    }

    /// Why a probe cannot run: the dataset file or the database.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Finds each address's rows (and empties or deletes them when `erase`), one address at a time,
    /// on one connection, as a request does: the search, then the erasure in its own transaction.
    public static func run(
        url: String, datasetFile: String, emails: [String], erase: Bool
    ) async throws -> [Result] {
        let loaded = DatasetLoader.load(contentsOf: datasetFile)
        guard let dataset = loaded.file?.dataset.first, !loaded.diagnostics.hasErrors else {
            throw Failure(description: "\(datasetFile) does not load: run sargs policy check")
        }
        // Every category erased: the probe measures the work, not a policy's grounds to keep.
        let categories = DatasetErasurePlan.categories(of: dataset).sorted()
        let spec = SystemWork.ErasureSpec(DatasetErasurePlan(dataset, plan: ErasurePlan(erase: categories, keep: [])))
        do {
            return try await ExternalDatabase.with(url: url) { database, sql, _ in
                let connector = try await SQLDatasetConnector.make(dataset, sql: sql)
                var results: [Result] = []
                results.reserveCapacity(emails.count)
                for email in emails {
                    let start = ContinuousClock.now
                    // As a request does: an erasure reads keys only, and not the collections it
                    // changes without leaving them (its statements count those rows).
                    let found = try await connector.find(
                        identities: ["email": [email.lowercased()]], keysOnly: erase, erasing: erase ? spec : nil,
                        sql: sql)
                    var (rows, changed) = (found.rowCount, 0)
                    if erase {
                        let outcome = try await connector.erase(spec, found: found, database: database)
                        changed = outcome.rowCount
                        rows += outcome.collections.filter { found.unread.contains($0.name) }.map(\.rows).reduce(0, +)
                    }
                    let elapsed = ContinuousClock.now - start
                    results.append(
                        Result(
                            rows: rows, changed: changed,
                            seconds: Double(elapsed.components.seconds)
                                + Double(elapsed.components.attoseconds) / 1e18))
                }
                return results
            }
        } catch let failure as ExternalDatabase.Failure {
            throw Failure(description: failure.description)
        } catch {
            // As a request records it: the database's own message, never a value.
            throw Failure(description: SystemFailure(error).description)
        }
    }
}

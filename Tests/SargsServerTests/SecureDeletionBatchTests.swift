import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
@testable import SargsServer

/// A long run of deleting transactions (retention, bulk erasure) empties SQLite's log on a
/// schedule, not after every transaction, and always before it ends (Art. 5(1)(f), Art. 17(1):
/// nothing deleted stays readable in the log).
@Suite("Secure deletion in batches")
struct SecureDeletionBatchTests {
    @Test(
        """
        The first commit empties the log, a commit within the interval leaves it until the interval is over \
        (with no further commit), and finishing the run empties it
        """
    )
    func flushesOnScheduleAndAtTheEnd() async throws {
        let directory = TestEnvironment.temporaryDirectory("sargs-secure-batch")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withSargs(dataDirectory: directory) { app, context, _, _ in
            // The log is SQLite's; on PostgreSQL (which vacuums) the same writes must still delete.
            let sqlite = TestEnvironment.postgresURL == nil
            let log = directory.appendingPathComponent("sargs.sqlite-wal").path
            func logIsEmpty() throws -> Bool? {
                guard sqlite else { return nil }
                return (try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) == 0
            }
            func deleting(_ name: String, in batch: SecureDeletion.Batch) async throws {
                try await Setting.put(name, "value", on: app.db)
                try await context.store.write(on: app.db, deleting: .securelyIn(batch)) { database in
                    try await Setting.query(on: database).filter(\.$id == name).delete()
                    return ((), [])
                }
            }
            let hourly = SecureDeletion.Batch(interval: .seconds(3600))
            try await deleting("first", in: hourly)
            #expect(try logIsEmpty() != false, "the first commit of a batch flushes")
            try await deleting("second", in: hourly)
            #expect(try logIsEmpty() != true, "a commit within the interval waits")
            try await hourly.finish(on: app.db)
            #expect(try logIsEmpty() != false, "finishing the batch flushes what waited")

            // A run that then waits on something else (a company database) is flushed on time all the
            // same. The batch's own clock stands still, so the second commit is within the interval
            // whatever the machine's load; the timer then waits the interval in real time.
            let start = ContinuousClock.now
            let timed = SecureDeletion.Batch(interval: .milliseconds(500), now: { start })
            try await deleting("timed-1", in: timed)
            try await deleting("timed-2", in: timed)
            #expect(try logIsEmpty() != true, "the second commit waits for the interval")
            var flushed = try logIsEmpty() != false
            for _ in 0..<100 where !flushed {
                try await Task.sleep(for: .milliseconds(100))
                flushed = try logIsEmpty() != false
            }
            #expect(flushed, "the timer flushed without another commit")
            try await timed.finish(on: app.db)

            let immediate = SecureDeletion.Batch(interval: .zero)
            try await deleting("third", in: immediate)
            try await deleting("fourth", in: immediate)
            #expect(try logIsEmpty() != false, "with no interval every commit flushes")

            let thrown = await #expect(throws: DomainError.self) {
                try await SecureDeletion.batched(on: app.db, interval: .seconds(3600)) { batch in
                    try await deleting("fifth", in: batch)
                    try await deleting("sixth", in: batch)
                    throw DomainError.conflict("test", "stopped")
                }
            }
            #expect(thrown != nil)
            #expect(try logIsEmpty() != false, "a run that throws still flushes what it deleted")
            let left = try await Setting.query(on: app.db).filter(\.$id ~~ ["first", "second", "fifth", "sixth"])
                .count()
            #expect(left == 0)
        }
    }
}

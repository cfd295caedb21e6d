import Fluent
import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import Synchronization
import Testing
import VaporTesting

@Suite("Group commit of audited operations")
struct GroupCommitTests {
    @Test(
        """
        Operations arriving while one is written share the next transaction; \
        the one that fails is rolled back alone; the chain is contiguous
        """
    )
    func sharedTransaction() async throws {
        try await withSargs { app, context, _, _ in
            let audit = context.audit
            let before = try await AuditEntryModel.query(on: app.db).count()
            let (batchesBefore, operationsBefore) = (await audit.batches, await audit.operations)
            let exportedBefore = Self.counter("sargs_audit_operations_total")
            let database = app.db
            let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                let holding = Flag()
                for index in 0..<20 {
                    // The others start only once the first is being written, so they all wait for it.
                    if index == 1 { while !holding.isSet { try await Task.sleep(for: .milliseconds(1)) } }
                    group.addTask {
                        do {
                            try await audit.perform(on: database) { transaction in
                                // The first holds its transaction open until the other 19 wait.
                                if index == 0 {
                                    holding.set()
                                    while await audit.waiting < 19 { try await Task.sleep(for: .milliseconds(2)) }
                                }
                                let row = Setting()
                                row.id = "group-commit-\(index)"
                                row.value = "\(index)"
                                try await row.create(on: transaction)
                                if index == 7 {
                                    throw DomainError.conflict("value", "operation 7 fails after its insert")
                                }
                                return (
                                    (),
                                    [
                                        AuditChain.Draft(
                                            time: context.clock.now, actor: "test", action: .keyCreate,
                                            result: "ok:\(index)")
                                    ]
                                )
                            }
                            return (index, true)
                        } catch let error as DomainError {
                            #expect(error == .conflict("value", "operation 7 fails after its insert"))
                            return (index, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(results.filter { !$0.value }.map(\.key) == [7])
            let stored = try await Setting.query(on: app.db).filter(\.$id ~~ (0..<20).map { "group-commit-\($0)" })
                .all().compactMap(\.id)
            #expect(
                Set(stored) == Set((0..<20).filter { $0 != 7 }.map { "group-commit-\($0)" }),
                "operation 7's insert was rolled back")
            #expect(try await AuditEntryModel.query(on: app.db).count() == before + 19)
            #expect(await audit.operations - operationsBefore == 20)
            #expect(await audit.batches - batchesBefore == 2, "the first alone, then the 19 that waited, together")
            #expect(Self.counter("sargs_audit_operations_total") - exportedBefore >= 20, "exported on /metrics")
            guard case .intact = try await context.audit.verify(on: app.db).verification else {
                Issue.record("the chain does not verify"); return
            }
        }
    }

    @Test(
        """
        Reads' entries share a transaction with changes without \
        savepoints; a change that fails beside them takes none of them along
        """
    )
    func recordsBesideAFailingChange() async throws {
        try await withSargs { app, context, _, _ in
            let audit = context.audit
            let before = try await AuditEntryModel.query(on: app.db).count()
            let database = app.db
            let failures = try await withThrowingTaskGroup(of: Int?.self) { group in
                try await Self.hold(
                    audit, on: database, until: 11, in: &group,
                    recording: [
                        AuditChain.Draft(
                            time: context.clock.now, actor: "test", action: .keyCreate, result: "ok:holder")
                    ])
                for index in 1...10 {
                    group.addTask {
                        try await audit.record(
                            [
                                AuditChain.Draft(
                                    time: context.clock.now, actor: "test", action: .subjectRead,
                                    result: "ok:\(index)")
                            ], on: database)
                        return nil
                    }
                }
                group.addTask {
                    do {
                        try await audit.perform(on: database) {
                            (transaction: any Database) async throws -> ((), [AuditChain.Draft]) in
                            let row = Setting()
                            row.id = "group-commit-failing"
                            row.value = "x"
                            try await row.create(on: transaction)
                            throw DomainError.conflict("value", "fails after its insert")
                        }
                        return nil
                    } catch is DomainError {
                        return 11
                    }
                }
                return try await group.reduce(into: [Int]()) { if let failed = $1 { $0.append(failed) } }
            }
            #expect(failures == [11])
            #expect(try await Setting.find("group-commit-failing", on: app.db) == nil)
            let reads = try await AuditEntryModel.query(on: app.db).filter(
                \.$action == AuditAction.subjectRead.rawValue
            ).count()
            #expect(reads == 10)
            #expect(try await AuditEntryModel.query(on: app.db).count() == before + 11)
            guard case .intact = try await context.audit.verify(on: app.db).verification else {
                Issue.record("the chain does not verify"); return
            }
        }
    }

    @Test(
        """
        Insertions sharing a transaction are merged; a duplicate \
        among them sends each alone, and only the duplicate fails
        """
    )
    func mergedInsertions() async throws {
        try await withSargs { app, context, _, _ in
            let audit = context.audit
            let before = try await AuditEntryModel.query(on: app.db).count()
            let database = app.db
            let references = (0..<10).map { "merge-\($0)" } + ["merge-3"]
            let failed = try await withThrowingTaskGroup(of: Int?.self) { group in
                try await Self.hold(audit, on: database, until: references.count, in: &group)
                for (index, reference) in references.enumerated() {
                    group.addTask {
                        let subject = SubjectModel(
                            id: UUID(), externalRef: reference, country: "LV", language: "lv", wrappedKey: Data([1]),
                            at: context.clock.now)
                        let draft = AuditChain.Draft(
                            time: context.clock.now, actor: "test", action: .subjectCreate, subjectID: subject.id,
                            result: "ok:\(index)")
                        do {
                            try await audit.insert([RowInsertion([subject])], recording: [draft], on: database)
                            return nil
                        } catch let error as any DatabaseError where error.isConstraintFailure {
                            return index
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { if let index = $1 { $0.append(index) } }
            }
            #expect(failed.count == 1, "one of the two merge-3 rows is refused")
            let stored = try await SubjectModel.query(on: app.db).filter(\.$externalRef ~~ references).all()
            #expect(stored.count == 10)
            #expect(try await AuditEntryModel.query(on: app.db).count() == before + 10, "no entry for the refused row")
            guard case .intact = try await context.audit.verify(on: app.db).verification else {
                Issue.record("the chain does not verify"); return
            }
        }
    }

    @Test(
        """
        Concurrent subject creates with one duplicate address: the others \
        are created (201), the duplicate gets 409, the chain verifies
        """
    )
    func concurrentCreatesWithOneConflict() async throws {
        try await withSargs { app, context, keys, _ in
            _ = try await Factory.subject(app, keys)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<24 {
                    let subject =
                        index == 11
                        ? NewSubject.anna
                        : NewSubject.anna.with(data: [
                            "user.contact.email": "customer\(index)@example.lv", "user.name": "Customer \(index)",
                        ])
                    group.addTask {
                        try await app.testing().sendRequest(
                            .POST, "v1/subjects", headers: keys.agent, body: json(subject)
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 23 && statuses.filter { $0 == .conflict }.count == 1)
            #expect(try await SubjectModel.query(on: app.db).count() == 24)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "subject.create").count() == 24)
            guard case .intact = try await context.audit.verify(on: app.db).verification else {
                Issue.record("the chain does not verify"); return
            }
        }
    }

    /// Adds to `group` an operation that holds the audit log's transaction open until `count` others
    /// wait behind it, and returns once it is being written, so the operations started next all queue.
    static func hold(
        _ audit: AuditLog, on database: any Database, until count: Int,
        in group: inout ThrowingTaskGroup<Int?, any Error>,
        recording drafts: [AuditChain.Draft] = []
    ) async throws {
        let holding = Flag()
        group.addTask {
            try await audit.perform(on: database) { _ in
                holding.set()
                while await audit.waiting < count { try await Task.sleep(for: .milliseconds(2)) }
                return ((), drafts)
            }
            return nil
        }
        while !holding.isSet { try await Task.sleep(for: .milliseconds(1)) }
    }

    /// A counter's value in the process's Prometheus exposition (0 before its first increment).
    static func counter(_ name: String) -> Int {
        ServerMetrics.exposition().split(separator: "\n").compactMap { line -> Int? in
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[0] == name else { return nil }
            return Double(parts[1]).map(Int.init)
        }.first ?? 0
    }
}

/// Set once by the operation that holds the audit log's transaction open, so the others are
/// started only after it and all queue behind it.
private final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

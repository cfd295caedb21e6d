import Fluent
import Foundation
import SargsCore
import SargsKit

/// Carries out erasure (GDPR Art. 17) for one subject or a batch, inside the caller's transaction.
///
/// Per subject: the planner decides per category; erasable values are deleted; kept categories
/// stay under a restriction (Art. 18(2): storage and legal claims only). When nothing is kept the
/// subject is crypto-shredded: its wrapped data key, blind indexes and external reference are
/// deleted, every registered `SubjectDataOwner` deletes what its feature holds (facts, consents,
/// disclosure log, holds, sessions, request details), the row keeps only its id and `erased`
/// status, and a tombstone (id and time only) is written for replay after a restore. Erasing an
/// erased subject changes nothing.
enum ErasureService {
    struct Result: Sendable {
        var subjectID: UUID
        var plan: ErasurePlan
        var shredded: Bool
        var alreadyErased: Bool
    }

    /// Clears the subject-row columns derived from deleted values (the e-mail and phone blind
    /// indexes, the consent-age day), given the subjects whose values of each category were deleted.
    static func clearDerivedColumns(_ deleted: [String: [UUID]], on database: any Database) async throws {
        if let ids = deleted[ContactValue.emailCategory] {
            try await SubjectModel.query(on: database).filter(\.$id ~~ ids).set(\.$emailIndex, to: nil).update()
        }
        if let ids = deleted[ContactValue.phoneCategory] {
            try await SubjectModel.query(on: database).filter(\.$id ~~ ids).set(\.$phoneIndex, to: nil).update()
        }
        if let ids = deleted[ContactValue.birthDateCategory] {
            try await SubjectModel.query(on: database).filter(\.$id ~~ ids).set(\.$consentAgeReachedOn, to: nil)
                .update()
        }
    }

    /// Erases the subjects of one chunk (at most `databaseChunkSize`, so the `IN` lists stay within the
    /// databases' parameter limits), with set-based writes; returns the results and their audit entries.
    /// - Parameter datasets: where the erased categories are queued for the company's datasets
    ///   (the CLI's bulk erasure; a request reaches them as its own systems instead).
    static func erase(
        _ ids: [UUID], planner: ErasurePlanner, owners: [any SubjectDataOwner], actor: String, at now: Date,
        datasets: DatasetErasureQueue.Recorder? = nil, on database: any Database
    ) async throws -> (results: [Result], audit: [AuditChain.Draft]) {
        let subjects = try await SubjectModel.query(on: database).filter(\.$id ~~ ids).all()
        let items = Dictionary(
            grouping: try await DataItemModel.query(on: database).filter(\.$subjectID ~~ ids)
                .field(\.$id).field(\.$subjectID).field(\.$category).field(\.$collectedAt).all(), by: \.subjectID)
        let relationships = Dictionary(
            grouping: try await RelationshipModel.query(on: database).filter(\.$subjectID ~~ ids).all(), by: \.subjectID
        )
        let holds = Dictionary(
            grouping: try await LegalHoldModel.query(on: database).filter(\.$subjectID ~~ ids)
                .filter(\.$releasedAt == nil).all(), by: \.subjectID)
        var results: [Result] = []
        var drafts: [AuditChain.Draft] = []
        var shred: [UUID] = []
        var restrict: [UUID] = []
        var doomed: [UUID] = []
        var erasedCategories: [String: [UUID]] = [:]
        var removed: [String: [UUID]] = [:]
        for subject in subjects {
            let id = try subject.requireID()
            if subject.isErased {
                results.append(
                    Result(subjectID: id, plan: ErasurePlan(erase: [], keep: []), shredded: true, alreadyErased: true))
                continue
            }
            let stored = items[id] ?? []
            let plan = planner.plan(
                items: stored.map { .init(category: $0.category, collectedAt: $0.collectedAt) },
                relationships: (relationships[id] ?? []).map(\.value),
                holds: (holds[id] ?? []).map(\.hold), lastTransaction: subject.lastTransactionAt, at: now)
            if let datasets {
                // The datasets' own categories, judged on the same facts (as a request's systems are):
                // what the law keeps stays there too, the rest goes whether or not the vault held it.
                let held = planner.plan(
                    items: datasets.categories.sorted().map { .init(category: $0, collectedAt: subject.createdAt) },
                    relationships: (relationships[id] ?? []).map(\.value),
                    holds: (holds[id] ?? []).map(\.hold), lastTransaction: subject.lastTransactionAt, at: now)
                for category in held.erase { removed[category, default: []].append(id) }
            }
            if plan.erasesEverything {
                shred.append(id)
            } else {
                let erase = Set(plan.erase)
                doomed += stored.filter { erase.contains($0.category) }.compactMap(\.id)
                for category in erase { erasedCategories[category, default: []].append(id) }
                restrict.append(id)
            }
            results.append(Result(subjectID: id, plan: plan, shredded: plan.erasesEverything, alreadyErased: false))
            drafts.append(
                AuditChain.Draft(
                    time: now, actor: actor, action: .subjectErase, subjectID: id,
                    categories: plan.erase, result: plan.erasesEverything ? "ok:shredded" : "ok:partial"))
        }
        // Before anything goes: the identities the company's datasets are searched by.
        _ = try await datasets?.record(removed, shredded: shred, at: now, on: database)
        // Set-based writes: a handful of statements per chunk, whatever its size.
        if !doomed.isEmpty { try await DataItemModel.query(on: database).filter(\.$id ~~ doomed).delete() }
        try await clearDerivedColumns(erasedCategories, on: database)
        if !shred.isEmpty { try await shredSubjects(shred, owners: owners, at: now, on: database) }
        if !restrict.isEmpty {
            let restricted = Set(
                try await RestrictionModel.query(on: database).filter(\.$subjectID ~~ restrict)
                    .filter(\.$purpose == nil).filter(\.$liftedAt == nil).all().map(\.subjectID))
            let restrictions = restrict.filter { !restricted.contains($0) }.map {
                RestrictionModel(subject: $0, purpose: nil, since: now)
            }
            if !restrictions.isEmpty { try await restrictions.create(on: database) }
        }
        return (results, drafts)
    }

    /// After a restore: crypto-shreds again every listed subject that is live in the restored data and
    /// restores missing tombstones; returns how many subjects were shredded again.
    static func replayTombstones(
        _ ids: [UUID], store: WriteStore, owners: [any SubjectDataOwner], clock: ServerClock, on db: any Database
    ) async throws -> Int {
        var shredded = 0
        let now = clock.now
        for chunk in ids.chunked() {
            shredded += try await store.write(on: db, affecting: chunk, deleting: .securely) { database in
                let live = try await SubjectModel.query(on: database).filter(\.$id ~~ chunk)
                    .filter(\.$status != .erased).all().compactMap(\.id)
                let known = Set(
                    try await TombstoneModel.query(on: database).filter(\.$id ~~ chunk).all().compactMap(\.id))
                try await shredSubjects(
                    live, owners: owners, at: now, on: database,
                    tombstones: chunk.filter { !known.contains($0) })
                return (
                    live.count,
                    live.map {
                        AuditChain.Draft(
                            time: now, actor: "cli", action: .subjectErase, subjectID: $0, result: "ok:tombstone_replay"
                        )
                    }
                )
            }
        }
        return shredded
    }

    /// Destroys the data keys and every trace but the id; writes tombstones for `tombstones`
    /// (default: the shredded ids).
    static func shredSubjects(
        _ ids: [UUID], owners: [any SubjectDataOwner], at now: Date, on database: any Database,
        tombstones tombstoneIDs: [UUID]? = nil
    ) async throws {
        guard !ids.isEmpty || !(tombstoneIDs ?? []).isEmpty else { return }
        try await DataItemModel.query(on: database).filter(\.$subjectID ~~ ids).delete()
        if !ids.isEmpty {
            for owner in owners { try await owner.shred(ids, on: database) }
        }
        try await SubjectModel.query(on: database).filter(\.$id ~~ ids)
            .set(\.$wrappedKey, to: nil).set(\.$emailIndex, to: nil).set(\.$phoneIndex, to: nil)
            .set(\.$externalRef, to: nil).set(\.$consentAgeReachedOn, to: nil)
            .set(\.$country, to: "").set(\.$language, to: "")
            .set(\.$status, to: .erased).update()
        try await SubjectModel.query(on: database).filter(\.$id ~~ ids).set(\.$lastTransactionAt, to: nil).update()
        let tombstones = (tombstoneIDs ?? ids).map { TombstoneModel(subject: $0, erasedAt: now) }
        try await tombstones.insert(on: database)
    }
}

import Fluent
import Foundation
import SQLKit
import SargsCore
import SargsKit

/// What retention reads about subjects: their stored items (category, when, for which purpose —
/// never the values) and the facts that start or end their grounds, a chunk at a time.
enum RetentionQueries {
    /// The next chunk of subjects that still hold data, in id order after `after`. Read as plain
    /// rows (no model is built for an id): a run reads every subject once.
    static func liveSubjects(after: UUID?, limit: Int, on database: any Database) async throws -> [UUID] {
        var select = try JobLease.sql(database).select().column("id").from(SubjectModel.schema)
            .where("status", .equal, SubjectState.Status.active).orderBy("id").limit(limit)
        if let after { select = select.where("id", .greaterThan, after) }
        return try await select.all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// The stored items of `ids` without their values: category, when and for which purpose
    /// collected, and the purposes an archived item is kept for. Plain rows, as `liveSubjects`.
    static func items(of ids: [UUID], on database: any Database) async throws -> [UUID: [RetentionFacts.Item]] {
        let rows = try await JobLease.sql(database).select()
            .columns("subject_id", "category", "collected_at", "collected_for", "archived_for")
            .from(DataItemModel.schema).where("subject_id", .in, ids).all()
        var items: [UUID: [RetentionFacts.Item]] = [:]
        for row in rows {
            let archived =
                try row.decodeNil(column: "archived_for")
                ? nil : try row.decode(column: "archived_for", as: String.self)
            items[try row.decode(column: "subject_id", as: UUID.self), default: []].append(
                .init(
                    category: try row.decode(column: "category", as: String.self),
                    collectedAt: try row.decode(column: "collected_at", as: Date.self),
                    collectedFor: try row.decode(column: "collected_for", as: String.self),
                    archivedFor: archived.map(DataItemModel.archivedPurposes(in:))))
        }
        return items
    }

    /// The retention facts of each subject in `ids` that holds stored items.
    static func facts(of ids: [UUID], on database: any Database) async throws -> [UUID: RetentionFacts] {
        let items = try await Self.items(of: ids, on: database)
        let relationships = Dictionary(
            grouping: try await RelationshipModel.query(on: database).filter(\.$subjectID ~~ ids)
                .field(\.$subjectID).field(\.$kind).field(\.$start).field(\.$end).all(), by: \.subjectID)
        let consents = Dictionary(
            grouping: try await ConsentEventModel.query(on: database).filter(\.$subjectID ~~ ids)
                .field(\.$subjectID).field(\.$purpose).field(\.$channel).field(\.$state).field(\.$recordedAt).field(
                    \.$policyVersion
                ).all(),
            by: \.subjectID)
        let objections = Dictionary(
            grouping: try await ObjectionModel.query(on: database).filter(\.$subjectID ~~ ids)
                .field(\.$subjectID).field(\.$purpose).field(\.$directMarketing).field(\.$since).all(), by: \.subjectID)
        // Not the sealed reasons: the planner needs only what a hold covers and until when.
        let holds = Dictionary(
            grouping: try await LegalHoldModel.query(on: database).filter(\.$subjectID ~~ ids)
                .filter(\.$releasedAt == nil).field(\.$subjectID).field(\.$categories).field(\.$untilOn).all(),
            by: \.subjectID)
        let transactions = Dictionary(
            uniqueKeysWithValues: try await SubjectModel.query(on: database).filter(\.$id ~~ ids)
                .filter(\.$lastTransactionAt != nil).field(\.$id).field(\.$lastTransactionAt).all()
                .compactMap { subject in subject.id.map { ($0, subject.lastTransactionAt) } })
        var result: [UUID: RetentionFacts] = [:]
        for (subject, stored) in items {
            result[subject] = RetentionFacts(
                items: stored,
                relationships: (relationships[subject] ?? []).map(\.value),
                consents: (consents[subject] ?? []).map(\.event),
                objections: (objections[subject] ?? []).map(\.value), holds: (holds[subject] ?? []).map(\.hold),
                lastTransaction: transactions[subject] ?? nil)
        }
        return result
    }

    /// The subjects among `ids` with a request still open: nothing of theirs is acted on meanwhile.
    static func withOpenRequests(_ ids: [UUID], on database: any Database) async throws -> Set<UUID> {
        Set(
            try await RequestModel.query(on: database).filter(\.$subjectID ~~ ids).filter(
                \.$status ~~ RequestQueries.openStatuses
            )
            .field(\.$subjectID).all().compactMap(\.subjectID))
    }

    /// A subject's retention plan, with its facts and whether an open request suspends it.
    struct Planned: Sendable {
        let subject: UUID
        let facts: RetentionFacts
        let plan: RetentionPlan
        /// A data-subject request about the subject is open: nothing of theirs is acted on meanwhile.
        let busy: Bool
    }

    /// The plans at `moment` of the subjects in `chunk` that hold stored items, in chunk order:
    /// what the report lists and the run carries out.
    static func planned(
        _ chunk: [UUID], planner: RetentionPlanner, at moment: Date, on database: any Database
    ) async throws -> [Planned] {
        let facts = try await Self.facts(of: chunk, on: database)
        let busy = try await withOpenRequests(chunk, on: database)
        return chunk.compactMap { subject in
            facts[subject].map {
                Planned(subject: subject, facts: $0, plan: planner.plan($0, at: moment), busy: busy.contains(subject))
            }
        }
    }
}

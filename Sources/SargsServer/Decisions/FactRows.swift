import Fluent
import Foundation
import SargsCore
import SQLKit

/// A subject's decision facts read as plain rows, no model hydrated: on a cache miss, the five
/// small statements a decision needs cost what the database costs, not Fluent's reflection over
/// each row's properties (the larger share of a miss at a million subjects, measured).
enum FactRows {
    /// The events and stored categories of `subjects`, one statement per table; an id with none is absent.
    static func facts(of subjects: [UUID], on database: any Database) async throws -> [UUID: SubjectState] {
        let sql = try JobLease.sql(database)
        var facts: [UUID: SubjectState] = [:]
        let ids = SQLQueryString("\(binds: subjects)")
        for row in try await sql.raw("""
            SELECT subject_id, purpose, channel, state, recorded_at, policy_version, given_by FROM consent_events
            WHERE subject_id IN (\(ids)) ORDER BY recorded_at
            """).all() {
            facts[try subject(row), default: SubjectState()].consents.append(ConsentEvent(
                purpose: try row.decode(column: "purpose", as: String.self), channel: try row.decode(column: "channel", as: ContactChannel?.self),
                state: try row.decode(column: "state", as: ConsentEvent.State.self), at: try row.decode(column: "recorded_at", as: Date.self),
                policyVersion: try row.decode(column: "policy_version", as: String.self),
                byParentalAuthority: try row.decode(column: "given_by", as: String?.self) != nil ? true : nil))
        }
        for row in try await sql.raw("SELECT subject_id, kind, starts_at, ends_at FROM relationships WHERE subject_id IN (\(ids))").all() {
            facts[try subject(row), default: SubjectState()].relationships.append(Relationship(
                kind: try row.decode(column: "kind", as: String.self), start: try row.decode(column: "starts_at", as: Date.self),
                end: try row.decode(column: "ends_at", as: Date?.self)))
        }
        for row in try await sql.raw("SELECT subject_id, purpose, direct_marketing, since FROM objections WHERE subject_id IN (\(ids))").all() {
            facts[try subject(row), default: SubjectState()].objections.append(Objection(
                purpose: try row.decode(column: "purpose", as: String?.self), directMarketing: try row.decode(column: "direct_marketing", as: Bool.self),
                since: try row.decode(column: "since", as: Date.self)))
        }
        for row in try await sql.raw("SELECT subject_id, purpose, since, lifted_at FROM restrictions WHERE subject_id IN (\(ids))").all() {
            facts[try subject(row), default: SubjectState()].restrictions.append(Restriction(
                purpose: try row.decode(column: "purpose", as: String?.self), since: try row.decode(column: "since", as: Date.self),
                liftedAt: try row.decode(column: "lifted_at", as: Date?.self)))
        }
        for row in try await sql.raw("SELECT subject_id, category, archived_for FROM data_items WHERE subject_id IN (\(ids))").all() {
            let archived = try row.decode(column: "archived_for", as: String?.self)
            facts[try subject(row), default: SubjectState()].stored[try row.decode(column: "category", as: String.self)] =
                .some(archived.map { Set($0.split(separator: ",").map(String.init)) })
        }
        return facts
    }

    private static func subject(_ row: any SQLRow) throws -> UUID { try row.decode(column: "subject_id", as: UUID.self) }
}

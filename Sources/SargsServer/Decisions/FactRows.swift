import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// A subject's decision facts read in one statement of plain rows, no model hydrated: on a cache
/// miss the consents, relationships, objections, restrictions and stored categories come back as
/// one `UNION ALL` (one round trip to the database's thread or server instead of five, and no
/// reflection over each row's properties — together most of a miss at a million subjects, measured).
///
/// Every branch yields the same columns — a kind, five texts, two times and a flag — typed by the
/// first branch's casts, which SQLite and PostgreSQL both accept.
enum FactRows {
    /// Subject `id`'s whole decision facts — its row (status, consent age) and its events — in one
    /// statement; nil when there is no such subject. The miss path of the sole writer's cache.
    static func subject(
        _ id: UUID, consentAge: Int?, on database: any Database
    ) async throws -> (SubjectState, factsVersion: Int)? {
        let rows = try await query([id], withSubject: true, on: database)
        guard let row = rows.first(where: { (try? $0.decode(column: "k", as: String.self)) == "s" }) else { return nil }
        let bare = SubjectModel.bareState(
            status: try row.decode(column: "s1", as: SubjectState.Status.self),
            consentAgeReachedOn: try row.decode(column: "s2", as: CivilDate?.self), consentAge: consentAge)
        let version = Int(try row.decode(column: "s3", as: String.self)) ?? 0
        return (SubjectFacts.merged(bare, try collect(rows)[id]), version)
    }

    /// The events and stored categories of `subjects`; an id with none is absent.
    static func facts(of subjects: [UUID], on database: any Database) async throws -> [UUID: SubjectState] {
        try collect(try await query(subjects, withSubject: false, on: database))
    }

    private static func query(
        _ subjects: [UUID], withSubject: Bool, on database: any Database
    ) async throws -> [any SQLRow] {
        let ids = SQLQueryString("\(binds: subjects)")
        let subjectRow: SQLQueryString =
            withSubject
            ? """
            UNION ALL SELECT 's', id, status, CAST(consent_age_reached_on AS TEXT), CAST(facts_version AS TEXT),
                             NULL, NULL, NULL, NULL, NULL
              FROM subjects WHERE id IN (\(ids))
            """ : ""
        return try await JobLease.sql(database).raw(
            """
            SELECT 'c' AS k, subject_id, purpose AS s1, channel AS s2, state AS s3, policy_version AS s4,
                   given_by AS s5, recorded_at AS t1, CAST(NULL AS TIMESTAMP) AS t2, CAST(NULL AS BOOLEAN) AS b
              FROM consent_events WHERE subject_id IN (\(ids))
            UNION ALL SELECT 'r', subject_id, kind, NULL, NULL, NULL, NULL, starts_at, ends_at, NULL
              FROM relationships WHERE subject_id IN (\(ids))
            UNION ALL SELECT 'o', subject_id, purpose, NULL, NULL, NULL, NULL, since, NULL, direct_marketing
              FROM objections WHERE subject_id IN (\(ids))
            UNION ALL SELECT 'x', subject_id, purpose, NULL, NULL, NULL, NULL, since, lifted_at, NULL
              FROM restrictions WHERE subject_id IN (\(ids))
            UNION ALL SELECT 'd', subject_id, category, archived_for, NULL, NULL, NULL, NULL, NULL, NULL
              FROM data_items WHERE subject_id IN (\(ids))
            \(subjectRow)
            """
        ).all()
    }

    private static func collect(_ rows: [any SQLRow]) throws -> [UUID: SubjectState] {
        var facts: [UUID: SubjectState] = [:]
        for row in rows {
            let subject = try row.decode(column: "subject_id", as: UUID.self)
            let text = try row.decode(column: "s1", as: String?.self)
            switch try row.decode(column: "k", as: String.self) {
            case "c":
                facts[subject, default: SubjectState()].consents.append(
                    ConsentEvent(
                        purpose: text ?? "", channel: try row.decode(column: "s2", as: ContactChannel?.self),
                        state: try row.decode(column: "s3", as: ConsentEvent.State.self),
                        at: try row.decode(column: "t1", as: Date.self),
                        policyVersion: try row.decode(column: "s4", as: String?.self),
                        byParentalAuthority: try row.decode(column: "s5", as: String?.self) != nil ? true : nil))
            case "r":
                facts[subject, default: SubjectState()].relationships.append(
                    Relationship(
                        kind: text ?? "", start: try row.decode(column: "t1", as: Date.self),
                        end: try row.decode(column: "t2", as: Date?.self)))
            case "o":
                facts[subject, default: SubjectState()].objections.append(
                    Objection(
                        purpose: text, directMarketing: try row.decode(column: "b", as: Bool.self),
                        since: try row.decode(column: "t1", as: Date.self)))
            case "x":
                facts[subject, default: SubjectState()].restrictions.append(
                    Restriction(
                        purpose: text, since: try row.decode(column: "t1", as: Date.self),
                        liftedAt: try row.decode(column: "t2", as: Date?.self)))
            case "s":
                continue
            default:
                let archived = try row.decode(column: "s2", as: String?.self)
                facts[subject, default: SubjectState()].stored[text ?? ""] = .some(
                    archived.map { Set($0.split(separator: ",").map(String.init)) })
            }
        }
        // A subject's consents in the order they were given (the engine reads the latest per purpose and channel).
        for id in facts.keys { facts[id]?.consents.sort { $0.at < $1.at } }
        return facts
    }
}

import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
@testable import SargsServer

/// The bulk rows that bypass Fluent's `create` store exactly what Fluent reads back.
@Suite("Bulk inserts")
struct BulkInsertTests {
    @Test("Every bulk-insertable model names each of its fields once, and no other column")
    func columnsAreTheModelsFields() {
        func check<M: BulkInsertable>(_ model: M.Type, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            #expect(
                Set(M.bulkColumns) == Set(M.keys.map(\.description)) && Set(M.bulkColumns).count == M.bulkColumns.count,
                "\(M.schema)", sourceLocation: sourceLocation)
        }
        check(SubjectModel.self)
        check(DataItemModel.self)
        check(AuditEntryModel.self)
        check(ConsentEventModel.self)
        check(RelationshipModel.self)
        check(ObjectionModel.self)
        check(RequestModel.self)
        check(RequestEventModel.self)
        check(VerificationChallengeModel.self)
        check(OutboxMessageModel.self)
        check(TombstoneModel.self)
    }

    @Test("A bulk-inserted subject, value, consent, relationship and objection read back through Fluent unchanged")
    func roundTrip() async throws {
        try await withSargs { app, context, _, _ in
            let now = Date(timeIntervalSince1970: 1_764_000_000.25)
            let (subject, key) = try context.vault.newSubject(
                externalRef: "crm-1", country: "LV", language: "lv", at: now)
            let id = try subject.requireID()
            let sealed = try context.vault.seal(
                ["user.contact.email": "anna@example.lv", "user.demographic.date_of_birth": "1990-04-01"],
                for: subject, dataKey: key)
            let items = sealed.map {
                DataItemModel(
                    subject: id, category: $0.category, ciphertext: $0.ciphertext, source: "crm", purpose: "services",
                    at: now)
            }
            items[0].archivedFor = "authority-requests"
            let consent = ConsentEventModel(
                subject: id, purpose: "marketing", channel: .email, state: .given, method: "import",
                policyVersion: "1", noticeHash: "h", at: now)
            let relationship = RelationshipModel(subject: id, kind: "member", start: now, end: nil)
            let objection = ObjectionModel(subject: id, purpose: nil, directMarketing: true, since: now)
            try await [subject].insert(on: app.db)
            try await items.insert(on: app.db)
            try await [consent].insert(on: app.db)
            try await [relationship].insert(on: app.db)
            try await [objection].insert(on: app.db)

            let stored = try #require(try await SubjectModel.find(id, on: app.db))
            #expect(
                stored.externalRef == "crm-1" && stored.status == .active && stored.wrappedKey == subject.wrappedKey)
            #expect(
                stored.emailIndex == subject.emailIndex && stored.phoneIndex == nil
                    && stored.consentAgeReachedOn == subject.consentAgeReachedOn)
            #expect(abs(stored.createdAt.timeIntervalSince(now)) < 0.001)
            let opened = try await context.vault.open(stored, on: app.db)
            #expect(Set(opened.map(\.value)) == ["anna@example.lv", "1990-04-01"])
            #expect(
                opened.contains { $0.item.archivedFor == "authority-requests" }
                    && opened.contains { $0.item.archivedFor == nil })
            let event = try #require(try await ConsentEventModel.find(consent.id!, on: app.db))
            #expect(
                event.channel == .email && event.state == .given && event.verifiedBy == nil && event.evidence == nil)
            let facts = try await SubjectFacts.state(
                of: stored, consentAge: context.rules.engine.consentAge, on: app.db)
            #expect(
                facts.relationships.count == 1 && facts.relationships[0].end == nil
                    && facts.objections.first?.directMarketing == true)
        }
    }

    @Test("Retention's plain-row reads and bulk tombstones agree with what Fluent stores and reads")
    func retentionPlainRows() async throws {
        try await withSargs { app, context, _, _ in
            let now = Date(timeIntervalSince1970: 1_764_000_000.25)
            let (subject, key) = try context.vault.newSubject(
                externalRef: nil, country: "LV", language: "lv", at: now)
            let (other, otherKey) = try context.vault.newSubject(
                externalRef: nil, country: "LV", language: "lv", at: now)
            let id = try subject.requireID()
            let sealed = try context.vault.seal(
                ["user.contact.email": "anna@example.lv", "user.name": "Anna Bērziņa"], for: subject, dataKey: key)
            let items = sealed.map {
                DataItemModel(
                    subject: id, category: $0.category, ciphertext: $0.ciphertext, source: "crm", purpose: "services",
                    at: now)
            }
            items[0].archivedFor = DataItemModel.archiveColumn(["accounting", "authority-requests"])
            let otherItems = try context.vault.seal(["user.name": "Jānis"], for: other, dataKey: otherKey).map {
                DataItemModel(
                    subject: try other.requireID(), category: $0.category, ciphertext: $0.ciphertext, source: "crm",
                    purpose: "enquiries", at: now)
            }
            try await [subject, other].insert(on: app.db)
            try await (items + otherItems).insert(on: app.db)

            let read = try await RetentionQueries.items(of: [id], on: app.db)
            let fluent = try await DataItemModel.query(on: app.db).filter(\.$subjectID == id).all()
            #expect(read.keys.sorted() == [id])
            #expect(
                Set(read[id] ?? [])
                    == Set(
                        fluent.map {
                            RetentionFacts.Item(
                                category: $0.category, collectedAt: $0.collectedAt, collectedFor: $0.collectedFor,
                                archivedFor: $0.archivedPurposes)
                        }))
            #expect(read[id]?.contains { $0.archivedFor == ["accounting", "authority-requests"] } == true)
            #expect(read[id]?.allSatisfy { abs($0.collectedAt.timeIntervalSince(now)) < 0.001 } == true)

            let live = try await RetentionQueries.liveSubjects(after: nil, limit: 10, on: app.db)
            #expect(live == [id, try other.requireID()].sorted())
            let afterFirst = try await RetentionQueries.liveSubjects(after: live[0], limit: 10, on: app.db)
            #expect(afterFirst == [live[1]])

            try await [TombstoneModel(subject: id, erasedAt: now)].insert(on: app.db)
            let tombstone = try #require(try await TombstoneModel.find(id, on: app.db))
            #expect(abs(tombstone.erasedAt.timeIntervalSince(now)) < 0.001)
        }
    }
}

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
}

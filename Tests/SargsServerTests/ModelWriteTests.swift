import Fluent
import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import Testing
import VaporTesting

/// The write as a value (issue 24): what `create` or `save` would write, taken before the
/// transaction, writes exactly that inside it, on SQLite and PostgreSQL.
@Suite("Model writes as values")
struct ModelWriteTests {
    @Test("An insert writes the row as built; a new id is given first, so the caller knows it before the write")
    func insert() async throws {
        try await withSargs { app, _, keys, _ in
            let subject = try #require(UUID(uuidString: try await Factory.subject(app, keys)))
            let disclosure = DisclosureModel(
                subject: subject, recipient: "courier", purpose: "orders", categories: ["user.name"],
                at: Date(timeIntervalSince1970: 1_767_225_600))
            disclosure.id = nil
            let write = try ModelWrite(inserting: disclosure)
            #expect(disclosure.id == write.id)
            try await write.run(on: app.db)
            let stored = try #require(try await DisclosureModel.find(write.id, on: app.db))
            #expect(stored.recipient == "courier" && stored.categories == disclosure.categories)
            #expect(stored.disclosedAt == disclosure.disclosedAt)
        }
    }

    @Test("A change writes only the fields changed since the row was read: a later change by another is kept")
    func change() async throws {
        try await withSargs { app, _, _, _ in
            let endpoint = RecipientEndpointModel()
            endpoint.id = "courier"
            endpoint.url = "https://a.example/hook"
            endpoint.secret = Data([1, 2, 3])
            endpoint.createdAt = Date(timeIntervalSince1970: 1_767_225_600)
            // Never stored: a save inserts it.
            try await ModelWrite(changing: endpoint).run(on: app.db)
            let read = try #require(try await RecipientEndpointModel.find("courier", on: app.db))
            read.url = "https://b.example/hook"
            let write = try ModelWrite(changing: read)
            #expect(write.values.count == 1, "only the url changed")
            // Someone else changes another field after our read.
            try await RecipientEndpointModel.query(on: app.db).filter(\.$id == "courier")
                .set(\.$secret, to: Data([9])).update()
            try await write.run(on: app.db)
            let stored = try #require(try await RecipientEndpointModel.find("courier", on: app.db))
            #expect(stored.url == "https://b.example/hook")
            #expect(stored.secret == Data([9]), "a field this write did not change is not overwritten")
        }
    }
}

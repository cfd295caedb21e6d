import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsKit
@testable import SargsServer

/// The edges of processors and manual systems (issue 25): a redirect is never followed, a
/// portability request reaches the processor as portability, a rectification reaches a manual
/// system's owner with the corrected values. On SQLite, and on PostgreSQL in CI.
@Suite("Processors and manual systems at their edges")
struct ProcessorEdgeTests {
    @Test(
        """
        Art. 28(3), Art. 32: a processor answering with a redirect is not followed (its credentials would \
        go along): the system fails, says why, and the request stays open
        """
    )
    func redirectIsNotFollowed() async throws {
        try await ProcessorSystemsTests.withShop { processor, _, _, app, _, keys in
            await processor.behave(.redirect)
            try await CompanySystemsTests.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            try await RequestActions.perform(app, keys, id, "approve")
            let mailer = try await ProcessorSystemsTests.system(app, keys, id, "mailer")
            #expect(mailer["status"] as? String == "failed", "\(mailer)")
            #expect((mailer["failure"] as? String)?.contains("307") == true, "\(mailer)")
            #expect(await processor.submissions == 1, "asked once, and not at the address it pointed to")
            #expect(try await ProcessorSystemsTests.status(app, keys, id) == "in_progress")
        }
    }

    @Test("Art. 20(1): a portability request reaches the processor as a portability request, signed and tracked")
    func portabilityReachesTheProcessor() async throws {
        try await ProcessorSystemsTests.withShop { processor, _, _, app, _, keys in
            try await CompanySystemsTests.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "portability")
            try await RequestActions.perform(app, keys, id, "approve")
            let received = try #require(await processor.received.first)
            #expect(received.type == "portability" && received.regulation == "gdpr")
            #expect(received.identities.first?["identity_value"] == NewSubject.annasEmail)
            let mailer = try await ProcessorSystemsTests.system(app, keys, id, "mailer")
            #expect(mailer["status"] as? String == "waiting" && mailer["kind"] as? String == "processor")
        }
    }

    @Test(
        """
        Art. 16, Art. 19: a rectification reaches a manual system's owner with the corrected value behind \
        the link (never in the message), and the owner's confirmation completes that part
        """
    )
    func rectificationReachesTheOwner() async throws {
        try await ProcessorSystemsTests.withShop(archiveRequests: "[access, erasure, rectification]") {
            _, _, _, app, _, keys in
            try await CompanySystemsTests.subject(app, keys)
            let id = try await Factory.verifiedRequest(
                app, keys, type: "rectification",
                details: ["corrections": ["user.contact.phone_number": "+37120009999"]])
            try await RequestActions.perform(app, keys, id, "approve")
            #expect(
                try await ProcessorSystemsTests.system(app, keys, id, "paper-archive")["status"] as? String
                    == "waiting")
            let mail = try #require(
                try await SentMail.deliverAndRead(app).first { $0.to == "archive@shop.example" })
            #expect(!mail.body.contains("+37120009999") && !mail.body.contains(NewSubject.annasEmail))
            let link = try #require(
                mail.body.split(whereSeparator: \.isWhitespace).first { $0.contains("/tasks/") })
            let path = String(link[link.range(of: "/tasks/")!.lowerBound...])
                .trimmingCharacters(in: .punctuationCharacters.subtracting(["_", "-"]))
            let page = try await app.testing().sendRequest(.GET, path + "?lang=en").body.string
            #expect(page.contains("+37120009999") && page.contains("Correct this person"))
            let confirmed = try await app.testing().sendRequest(
                .POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "records=1"))
            #expect(confirmed.status == .ok)
            let archive = try await ProcessorSystemsTests.system(app, keys, id, "paper-archive")
            #expect(archive["status"] as? String == "done" && archive["rows"] as? Int == 1)
        }
    }
}

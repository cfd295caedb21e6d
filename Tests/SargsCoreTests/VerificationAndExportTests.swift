import Foundation
import Testing
@testable import SargsCore

@Suite("Identity verification")
struct VerificationTests {
    let master = MasterKey.generate()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("Art. 12(6): a 6-digit code, stored only as a keyed hash bound to its challenge")
    func codeShape() {
        let (challenge, code) = VerificationChallenge.issue(at: now, with: master)
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        #expect(!challenge.codeHash.contains(code))
        #expect(challenge.codeHash == VerificationChallenge.hash(code, challenge: challenge.id, with: master))
        #expect(challenge.codeHash != VerificationChallenge.hash(code, challenge: UUID(), with: master))
        #expect(challenge.expiresAt == now.addingTimeInterval(15 * 60))
    }

    @Test("Five wrong codes lock the challenge: even the right code then fails")
    func lockOut() {
        var (challenge, code) = VerificationChallenge.issue(at: now, with: master)
        let wrong = code == "000000" ? "111111" : "000000"
        for remaining in (1...4).reversed() {
            #expect(challenge.attempt(wrong, at: now, with: master) == .wrongCode(remaining: remaining))
        }
        #expect(challenge.attempt(wrong, at: now, with: master) == .lockedOut)
        #expect(challenge.attempt(code, at: now, with: master) == .lockedOut)
    }

    @Test("A code expires after 15 minutes; a correct code verifies once")
    func expiry() {
        var (challenge, code) = VerificationChallenge.issue(at: now, with: master)
        var late = challenge
        #expect(late.attempt(code, at: now.addingTimeInterval(15 * 60), with: master) == .expired)
        #expect(challenge.attempt(code, at: now.addingTimeInterval(60), with: master) == .verified)
        #expect(challenge.attempt(code, at: now.addingTimeInterval(61), with: master) == .alreadyVerified)
    }
}

@Suite("Webhook signatures")
struct WebhookSignatureTests {
    @Test("A recipient verifies the signature; a changed body, another secret or an old timestamp fail")
    func verify() {
        let secret = WebhookSignature.newSecret()
        let id = UUID()
        let body = Data(#"{"type":"erasure"}"#.utf8)
        let header = WebhookSignature.header(secret: secret, deliveryID: id, timestamp: 1_800_000_000, body: body)
        #expect(WebhookSignature.verify(header: header, secret: secret, deliveryID: id, body: body, now: 1_800_000_010))
        #expect(
            !WebhookSignature.verify(
                header: header, secret: secret, deliveryID: id, body: Data("{}".utf8), now: 1_800_000_010))
        #expect(
            !WebhookSignature.verify(
                header: header, secret: WebhookSignature.newSecret(), deliveryID: id, body: body, now: 1_800_000_010))
        #expect(
            !WebhookSignature.verify(header: header, secret: secret, deliveryID: id, body: body, now: 1_800_001_000))
    }
}

@Suite("Export package")
struct ExportPackageTests {
    let policy: Policy
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    init() throws { policy = try TestFiles.validPolicy("examples/coral-club.yaml") }

    func export() -> SubjectExport {
        SubjectExport(
            subjectID: UUID(), country: "LV", language: "lv",
            items: [
                .init(
                    category: "user.contact.email", value: "anna@example.lv", source: "signup",
                    collectedFor: "services",
                    collectedAt: t0, updatedAt: t0),
                .init(
                    category: "user.name", value: "Anna, \"Bērziņa\"", source: "signup", collectedFor: "services",
                    collectedAt: t0, updatedAt: t0),
            ])
    }

    @Test("Art. 15(3): the copy has JSON, a CSV per category, a readable summary and the notice; the ZIP is valid")
    func accessPackage() throws {
        let package = try ExportPackage(policy: policy, language: "lv")
        let entries = try package.entries(export(), scope: .access, generatedAt: t0)
        #expect(
            entries.map(\.path) == [
                "data.json", "categories/user.contact.email.csv", "categories/user.name.csv",
                "summary.html", "notice.html", "disclosures.csv",
            ])
        let csv = String(decoding: entries[2].contents, as: UTF8.self)
        #expect(csv.contains(#""Anna, ""Bērziņa""""#))
        let summary = String(decoding: entries[3].contents, as: UTF8.self)
        #expect(summary.contains("lang=\"lv\"") && summary.contains("anna@example.lv"))
        // The archive opens with the system's unzip and holds the same bytes.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("export.zip")
        try Data(try package.archive(export(), scope: .access, generatedAt: t0)).write(to: zip)
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-q", "-t", zip.path]
        try unzip.run()
        unzip.waitUntilExit()
        #expect(unzip.terminationStatus == 0)
    }

    @Test("Art. 20(1): portability covers only data the subject provided, used on consent or contract")
    func portability() throws {
        let portable = ExportScope.portableCategories(of: policy)
        #expect(!portable.isEmpty)
        for key in portable {
            #expect(policy.category(key)?.providedBySubject == true)
        }
        var subject = export()
        subject.items.append(
            .init(
                category: "user.behavior.browsing_history", value: "visited-page-192", source: "web",
                collectedFor: "services",
                collectedAt: t0, updatedAt: t0))
        let entries = try ExportPackage(policy: policy, language: "en").entries(
            subject, scope: .portability, generatedAt: t0)
        #expect(!entries.contains { $0.path == "notice.html" })
        let json = String(decoding: entries[0].contents, as: UTF8.self)
        #expect(!json.contains("visited-page-192"))
    }

    @Test("CRC-32 matches the standard check value")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test("Integer ISO 8601 timestamps match Foundation's, before and after 1970")
    func matchesFoundation() {
        for seconds in [0.0, 1_767_225_599.9, 1_800_000_000, -86_401, 951_782_400] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.iso8601(date) == date.formatted(.iso8601))
        }
    }

    @Test("RFC 5322 Date header: weekday, day, month name, year, time, zone")
    func rfc5322() {
        #expect(Timestamp.rfc5322(Date(timeIntervalSince1970: 1_795_400_100)) == "Mon, 23 Nov 2026 02:15:00 +0000")
        #expect(Timestamp.rfc5322(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
    }
}

import Foundation
import Testing
@testable import SargsCore

@Suite("Audit hash chain")
struct AuditChainTests {
    func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 0..<count {
            let draft = AuditChain.Draft(
                time: Date(timeIntervalSince1970: 1_767_225_600 + Double(index)), actor: "key:abc",
                action: index.isMultiple(of: 2) ? .subjectRead : .consentRead, subjectID: UUID(),
                purpose: "newsletter", categories: ["user.contact.email"], result: "ok")
            entries.append(AuditChain.append(draft, after: entries.last.map { ($0.sequence, $0.hash) }))
        }
        return entries
    }

    @Test("An untouched chain verifies")
    func intact() {
        #expect(AuditChain.verify(chain(5)) == .intact(entries: 5))
        #expect(AuditChain.verify([AuditEntry]()) == .intact(entries: 0))
        #expect(chain(1)[0].previousHash == AuditChain.genesis)
    }

    @Test("Altering a stored entry names the first broken entry")
    func altered() {
        var entries = chain(5)
        entries[2].result = "denied:objection"
        #expect(
            AuditChain.verify(entries) == .broken(sequence: 3, reason: "its contents do not match its hash (altered)"))
    }

    @Test("Removing or reordering entries is detected")
    func removedOrReordered() {
        var removed = chain(5)
        removed.remove(at: 1)
        #expect(
            AuditChain.verify(removed)
                == .broken(sequence: 3, reason: "expected entry 2; entries are missing or reordered"))
        var forged = chain(3)
        forged[1] = AuditChain.append(
            AuditChain.Draft(time: Date(), actor: "x", action: .keyCreate, result: "ok"),
            after: (1, String(repeating: "f", count: 64)))
        #expect(AuditChain.verify(forged) == .broken(sequence: 2, reason: "does not link to the previous entry's hash"))
    }

    @Test("NoticeField boundaries are unambiguous: shifting text between fields changes the hash")
    func lengthPrefixed() {
        let a = AuditChain.append(
            .init(time: Date(timeIntervalSince1970: 0), actor: "k", action: .keyCreate, purpose: "ab", result: "c"),
            after: nil)
        let b = AuditChain.append(
            .init(time: Date(timeIntervalSince1970: 0), actor: "k", action: .keyCreate, purpose: "a", result: "bc"),
            after: nil)
        #expect(a.hash != b.hash)
    }

    @Test("A page check sees an altered entry and a broken link among neighbours, without the rest of the chain")
    func pageCheck() {
        let entries = chain(6)
        #expect(AuditChain.verifyPage([entries[1], entries[2], entries[4]]) == .intact(entries: 3))
        var altered = entries
        altered[4].actor = "key:other"
        #expect(
            AuditChain.verifyPage([altered[3], altered[4]])
                == .broken(sequence: 5, reason: "its contents do not match its hash (altered)"))
        var relinked = entries
        relinked[3] = AuditChain.append(
            AuditChain.Draft(time: Date(timeIntervalSince1970: 0), actor: "x", action: .keyCreate, result: "ok"),
            after: (3, String(repeating: "e", count: 64)))
        #expect(
            AuditChain.verifyPage([relinked[2], relinked[3]])
                == .broken(sequence: 4, reason: "does not link to the previous entry's hash"))
    }

    @Test("Every audit action is dotted lower snake case, and names are unique")
    func actionNames() {
        let names = AuditAction.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.wholeMatch(of: /[a-z]+\.[a-z_]+/) != nil, "\(name)")
        }
    }
}

@Suite("Consent receipts (Kantara v1.1, ISO/IEC TS 27560)")
struct ConsentReceiptTests {
    @Test("A receipt carries the Kantara mandatory fields and the 27560 record fields")
    func receipt() throws {
        let policy = try TestFiles.validPolicy("examples/coral-travel/latvia.yaml")
        let record = ConsentRecord(
            id: UUID(), subjectID: UUID(), purpose: "special-assistance", channel: nil, state: .given,
            method: "web_form_checkbox", at: Date(timeIntervalSince1970: 1_767_225_600),
            policyVersion: "2024-01", noticeHash: String(repeating: "a", count: 64))
        let receipt = try ConsentReceipt(record: record, policy: policy, language: "en")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(receipt)) as? [String: Any]
        for field in [
            "version", "jurisdiction", "consentTimestamp", "collectionMethod", "consentReceiptID", "piiPrincipalId",
            "piiControllers", "policyUrl", "services", "sensitive", "spiCat", "eventState", "policyVersion",
            "noticeHash", "retentionPeriod", "withdrawalMethod",
        ] {
            #expect(json?[field] != nil, "missing \(field)")
        }
        #expect(receipt.version == "KI-CR-v1.1.0")
        #expect(receipt.jurisdiction == "LV")
        #expect(receipt.consentTimestamp == 1_767_225_600)
        #expect(receipt.sensitive && receipt.spiCat == ["Health data"])
        #expect(receipt.services[0].purposes[0].consentType == "EXPLICIT")
        #expect(receipt.services[0].purposes[0].thirdPartyDisclosure)
        #expect(receipt.eventState == "ConsentGiven")
        #expect(receipt.piiControllers[0].piiController == "CORAL TRAVEL Latvia SIA")
    }

    @Test("An unknown purpose cannot get a receipt")
    func unknownPurpose() throws {
        let policy = try TestFiles.validPolicy("examples/minimal.yaml")
        let record = ConsentRecord(
            id: UUID(), subjectID: UUID(), purpose: "nope", channel: nil, state: .given, method: "x",
            at: Date(), policyVersion: "1", noticeHash: "")
        #expect(throws: ConsentReceipt.BuildError.unknownPurpose("nope")) {
            try ConsentReceipt(record: record, policy: policy, language: "en")
        }
    }
}

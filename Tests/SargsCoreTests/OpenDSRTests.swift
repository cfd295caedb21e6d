import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
import _CryptoExtras

@testable import SargsCore

/// A processor's identity for the tests: a key, and a certificate issued to its OpenDSR domain.
struct TestProcessor {
    enum Key {
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
    }

    let key: Key
    let pem: String

    init(
        domain: String = "opendsr.mailer.example", rsa: Bool = true, from: Date = Date(timeIntervalSince1970: 1.7e9),
        days: Double = 3650
    ) throws {
        let name = try DistinguishedName { CommonName(domain) }
        let extensions = try Certificate.Extensions { SubjectAlternativeNames([.dnsName(domain)]) }
        let until = from.addingTimeInterval(days * 86_400)
        let certificate: Certificate
        if rsa {
            let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            self.key = .rsa(key)
            certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: from,
                notValidAfter: until, issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: extensions, issuerPrivateKey: .init(key))
        } else {
            let key = P256.Signing.PrivateKey()
            self.key = .p256(key)
            certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: from,
                notValidAfter: until, issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions, issuerPrivateKey: .init(key))
        }
        pem = try certificate.serializeAsPEM().pemString
    }

    /// The `X-OpenDSR-Signature` value for `body`.
    func sign(_ body: Data) throws -> String {
        switch key {
        case .rsa(let key):
            return try key.signature(for: body, padding: .insecurePKCS1v1_5).rawRepresentation.base64EncodedString()
        case .p256(let key): return try key.signature(for: body).derRepresentation.base64EncodedString()
        }
    }
}

/// Sargs as an OpenDSR 2.0 controller (issue 25): what it sends to a processor, how it reads the
/// answers, and the signature check every answer and callback passes (OpenDSR §4, §8.8).
@Suite("OpenDSR: messages and signatures")
struct OpenDSRTests {
    static let now = Date(timeIntervalSince1970: 1.765e9)  // 2025-12-06
    static let domain = "opendsr.mailer.example"

    @Test("§4: an RSA PKCS#1 v1.5 SHA-256 signature over the exact body verifies; a changed byte does not")
    func rsaSignature() throws {
        let processor = try TestProcessor()
        let certificate = try ProcessorCertificate(pem: processor.pem)
        let body = Data(
            #"{"subject_request_id":"a7551968-d5d6-44b2-9831-815ac9017798","request_status":"completed"}"#.utf8)
        let signature = try processor.sign(body)
        try certificate.verify(
            signature: signature, body: body, claimedDomain: Self.domain, expectedDomain: Self.domain, at: Self.now)
        var changed = body
        changed[changed.count - 3] = UInt8(ascii: "X")
        #expect(throws: OpenDSRError.signature) {
            try certificate.verify(
                signature: signature, body: changed, claimedDomain: Self.domain, expectedDomain: Self.domain,
                at: Self.now)
        }
        // Headers may be folded across lines: whitespace is not part of the Base64.
        let folded = signature.prefix(40) + "\n  " + signature.dropFirst(40)
        try certificate.verify(
            signature: String(folded), body: body, claimedDomain: Self.domain, expectedDomain: Self.domain, at: Self.now
        )
    }

    @Test("§4: a P-256 certificate's ECDSA SHA-256 signature verifies too")
    func ecdsaSignature() throws {
        let processor = try TestProcessor(rsa: false)
        let certificate = try ProcessorCertificate(pem: processor.pem)
        let body = Data(#"{"request_status":"in_progress"}"#.utf8)
        try certificate.verify(
            signature: try processor.sign(body), body: body, claimedDomain: Self.domain, expectedDomain: Self.domain,
            at: Self.now)
    }

    @Test("§8.8: another processor's key, another domain, an expired certificate and garbage are refused")
    func refusals() throws {
        let processor = try TestProcessor()
        let certificate = try ProcessorCertificate(pem: processor.pem)
        let body = Data("{}".utf8)
        let other = try TestProcessor()
        #expect(throws: OpenDSRError.signature) {
            try certificate.verify(
                signature: try other.sign(body), body: body, claimedDomain: Self.domain, expectedDomain: Self.domain,
                at: Self.now)
        }
        #expect(throws: OpenDSRError.self) {
            try certificate.verify(
                signature: try processor.sign(body), body: body, claimedDomain: "evil.example",
                expectedDomain: Self.domain, at: Self.now)
        }
        let misnamed = try ProcessorCertificate(pem: try TestProcessor(domain: "opendsr.other.example").pem)
        #expect(!misnamed.names(Self.domain))
        let expired = try TestProcessor(from: Date(timeIntervalSince1970: 1.6e9), days: 30)
        #expect(throws: OpenDSRError.self) {
            try ProcessorCertificate(pem: expired.pem).verify(
                signature: try expired.sign(body), body: body, claimedDomain: Self.domain,
                expectedDomain: Self.domain, at: Self.now)
        }
        #expect(throws: OpenDSRError.signature) {
            try certificate.verify(
                signature: "not base64!", body: body, claimedDomain: Self.domain, expectedDomain: Self.domain,
                at: Self.now)
        }
        #expect(throws: OpenDSRError.self) {
            try ProcessorCertificate(pem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")
        }
    }

    @Test("a wildcard certificate names one label, not two")
    func wildcard() throws {
        let certificate = try ProcessorCertificate(pem: try TestProcessor(domain: "*.mailer.example").pem)
        #expect(certificate.names("opendsr.mailer.example"))
        #expect(!certificate.names("a.b.mailer.example"))
        #expect(!certificate.names("mailer.example"))
    }

    @Test(
        "§7.1: the submission carries gdpr, a lower-case id, the type, RFC 3339 time, raw identities and our callback")
    func submission() throws {
        let id = try #require(UUID(uuidString: "A7551968-D5D6-44B2-9831-815AC9017798"))
        let submission = try #require(
            OpenDSRSubmission(
                type: .erasure, subjectRequestID: id, submitted: Date(timeIntervalSince1970: 1_764_979_200),
                identities: ["email": ["anna.berzina@example.lv"], "phone_number": ["+37120000000"]],
                kinds: ["email"], callbackURL: "https://privacy.shop.example/opendsr/callback"))
        let json = try #require(try JSONSerialization.jsonObject(with: submission.body()) as? [String: Any])
        #expect(json["regulation"] as? String == "gdpr")
        #expect(json["subject_request_id"] as? String == "a7551968-d5d6-44b2-9831-815ac9017798")
        #expect(json["subject_request_type"] as? String == "erasure")
        #expect(json["submitted_time"] as? String == "2025-12-06T00:00:00Z")
        #expect(json["api_version"] as? String == "2.0")
        #expect(json["status_callback_urls"] as? [String] == ["https://privacy.shop.example/opendsr/callback"])
        let identities = try #require(json["subject_identities"] as? [[String: String]])
        // Only the identity the processor takes: the phone number is not sent.
        #expect(
            identities == [
                ["identity_type": "email", "identity_value": "anna.berzina@example.lv", "identity_format": "raw"]
            ])
        // OpenDSR carries no rectification, and nothing is sent without an identity.
        #expect(
            OpenDSRSubmission(
                type: .rectification, subjectRequestID: id, submitted: Self.now, identities: ["email": ["a@b.lv"]],
                kinds: ["email"], callbackURL: "x") == nil)
        #expect(
            OpenDSRSubmission(
                type: .access, subjectRequestID: id, submitted: Self.now, identities: [:], kinds: ["email"],
                callbackURL: "x") == nil)
    }

    @Test("§8.5: reports move forward only; a replayed or late callback changes nothing")
    func progressOrder() {
        #expect(OpenDSRProgress.pending.advances(to: .inProgress))
        #expect(OpenDSRProgress.pending.advances(to: .completed))
        #expect(OpenDSRProgress.inProgress.advances(to: .cancelled))
        #expect(!OpenDSRProgress.inProgress.advances(to: .pending))
        #expect(!OpenDSRProgress.inProgress.advances(to: .inProgress))
        #expect(!OpenDSRProgress.completed.advances(to: .cancelled))
        #expect(!OpenDSRProgress.cancelled.advances(to: .completed))
        #expect(!OpenDSRProgress.pending.advances(to: .other("error")))
        #expect(OpenDSRProgress(nil).advances(to: .pending))
    }

    @Test("real processors' times are read: fractions of any length, no zone as UTC, an offset")
    func lenientTimes() throws {
        let expected = Date(timeIntervalSince1970: 1_525_726_428)  // 2018-05-07T20:53:48Z
        #expect(OpenDSRTime.parse("2018-05-07T20:53:48Z") == expected)
        #expect(OpenDSRTime.parse("2018-05-07T20:53:48.322652") == expected)
        #expect(OpenDSRTime.parse("2018-05-07T20:53:48.3631375Z") == expected)
        #expect(OpenDSRTime.parse("2018-05-07T22:53:48+02:00") == expected)
        #expect(OpenDSRTime.parse("next week") == nil)
    }

    @Test("a report with unknown fields and nulls is read; one without subject_request_id is a violation")
    func reports() throws {
        let report = try OpenDSRReport.parse(
            Data(
                """
                {"controller_id":"1402","expected_completion_time":"2025-06-09T00:00:00Z",\
                "subject_request_id":"475974fa-6b42-4370-bb56-b5d845686bb5","request_status":"completed",\
                "results_url":null,"extensions":null,"group_id":7}
                """.utf8))
        #expect(report.progress == .completed && report.resultsURL == nil)
        #expect(report.expectedCompletion == Date(timeIntervalSince1970: 1_749_427_200))
        #expect(throws: OpenDSRError.self) { try OpenDSRReport.parse(Data(#"{"request_status":"completed"}"#.utf8)) }
    }
}

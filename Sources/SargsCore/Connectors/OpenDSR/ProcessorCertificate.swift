import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A processor's certificate as the policy pins it (issue 25, OpenDSR 2.0 §4): the signatures on its
/// responses and callbacks are checked against its public key. Pinned, never fetched from the
/// processor's `/discovery`, so an attacker who controls the processor's network cannot swap it.
public struct ProcessorCertificate: Sendable {
    /// The leaf: the first certificate of the PEM chain.
    public let leaf: Certificate
    /// The DNS names the certificate is issued to.
    public let domains: [String]

    /// Reads the PEM chain (the leaf first, as processors publish it) and keeps its first
    /// certificate, which must carry an RSA or P-256 key.
    public init(pem: String) throws(OpenDSRError) {
        let begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----"
        guard let start = pem.range(of: begin), let stop = pem.range(of: end, range: start.upperBound..<pem.endIndex)
        else { throw .certificate("the file holds no PEM certificate") }
        do {
            leaf = try Certificate(pemEncoded: String(pem[start.lowerBound..<stop.upperBound]))
        } catch {
            throw .certificate("the first certificate does not parse as X.509")
        }
        guard _RSA.Signing.PublicKey(leaf.publicKey) != nil || P256.Signing.PublicKey(leaf.publicKey) != nil else {
            throw .certificate("the certificate's key is neither RSA nor P-256")
        }
        var names: [String] = []
        if let alternatives = try? leaf.extensions.subjectAlternativeNames {
            for name in alternatives { if case .dnsName(let domain) = name { names.append(domain.lowercased()) } }
        }
        domains = names
    }

    /// The certificate `endpoint` names, read from its file beside `policyFile`.
    public static func load(
        _ endpoint: CompanySystem.OpenDSREndpoint, besidePolicy policyFile: String
    ) throws(OpenDSRError) -> ProcessorCertificate {
        let file = endpoint.certificatePath(besidePolicy: policyFile)
        guard let pem = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw .certificate("the certificate file \(file) cannot be read")
        }
        return try ProcessorCertificate(pem: pem)
    }

    /// The last moment the certificate is valid: after it, every signature is refused.
    public var validUntil: Date { leaf.notValidAfter }

    /// Whether the certificate is issued to `domain` (an exact name or a one-label wildcard).
    public func names(_ domain: String) -> Bool {
        let domain = domain.lowercased()
        return domains.contains { name in
            if name == domain { return true }
            guard name.hasPrefix("*."), let dot = domain.firstIndex(of: ".") else { return false }
            return domain[dot...] == name.dropFirst()
        }
    }

    /// Checks a signature header over the raw body, as OpenDSR §4 and §8.8 ask: the domain the
    /// processor claims is the one the policy pins and the certificate names, the certificate is
    /// valid at `moment`, and the Base64 signature verifies over the exact bytes received
    /// (RSASSA-PKCS1-v1_5 with SHA-256, or ECDSA P-256 with SHA-256 for an EC key).
    public func verify(
        signature header: String, body: some DataProtocol, claimedDomain: String, expectedDomain: String,
        at moment: Date
    ) throws(OpenDSRError) {
        guard claimedDomain.lowercased() == expectedDomain.lowercased() else {
            throw .unknownProcessor("the response is signed for another domain than the processor's")
        }
        guard names(expectedDomain) else {
            throw .certificate("the pinned certificate is not issued to \(expectedDomain)")
        }
        guard leaf.notValidBefore <= moment, moment <= leaf.notValidAfter else {
            throw .certificate("the pinned certificate is not valid now (it runs until \(leaf.notValidAfter))")
        }
        let compact = header.filter { !$0.isWhitespace }
        guard let bytes = Data(base64Encoded: compact), !bytes.isEmpty else { throw .signature }
        if let key = _RSA.Signing.PublicKey(leaf.publicKey) {
            let digest = SHA256.hash(data: Data(body))
            guard key.isValidSignature(.init(rawRepresentation: bytes), for: digest, padding: .insecurePKCS1v1_5)
            else { throw .signature }
        } else if let key = P256.Signing.PublicKey(leaf.publicKey) {
            guard let signature = try? P256.Signing.ECDSASignature(derRepresentation: bytes),
                key.isValidSignature(signature, for: SHA256.hash(data: Data(body)))
            else { throw .signature }
        } else {
            throw .signature
        }
    }
}

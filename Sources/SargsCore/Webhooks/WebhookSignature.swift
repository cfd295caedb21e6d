import Crypto
import Foundation

/// Signatures of webhook deliveries, so a recipient can prove a message came from this
/// controller and was not replayed: HMAC-SHA256 under the recipient's own secret over
/// `<delivery id>.<unix seconds>.<body>`, sent as `Sargs-Signature: t=<seconds>,v1=<hex>`.
public enum WebhookSignature {
    /// The `Sargs-Signature` header value.
    public static func header(secret: Data, deliveryID: UUID, timestamp: Int, body: Data) -> String {
        "t=\(timestamp),v1=\(mac(secret: secret, deliveryID: deliveryID, timestamp: timestamp, body: body))"
    }

    static func mac(secret: Data, deliveryID: UUID, timestamp: Int, body: Data) -> String {
        var message = Data("\(deliveryID.uuidString.lowercased()).\(timestamp).".utf8)
        message.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return Data(code).hex
    }

    /// What a recipient does: checks the header, refusing signatures older than `tolerance` seconds.
    public static func verify(
        header: String, secret: Data, deliveryID: UUID, body: Data, now: Int, tolerance: Int = 300
    ) -> Bool {
        var timestamp: Int?
        var signature: String?
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) }
            if pair[0] == "v1" { signature = pair[1] }
        }
        guard let timestamp, let signature, abs(now - timestamp) <= tolerance else { return false }
        let expected = Data(mac(secret: secret, deliveryID: deliveryID, timestamp: timestamp, body: body).utf8)
        return expected.withUnsafeBytes { a in Data(signature.utf8).withUnsafeBytes { b in safeCompare(a, b) } }
    }

    /// A new random 32-byte secret for a recipient's endpoint.
    public static func newSecret() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }
}

import Foundation
import SargsCore

/// A value sealed with AES-GCM under a key derived from the master key and written as base64url:
/// links that carry no readable identifier and fail to open when altered (unsubscribe links,
/// request status links).
enum SealedToken {
    static func seal(_ value: some Encodable, context: String, with master: MasterKey) throws -> String {
        let sealed = try Vault.sealService(try JSONEncoder().encode(value), context: context, with: master)
        return sealed.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        )
        .replacingOccurrences(of: "=", with: "")
    }

    /// The value, or nil when the text was altered, forged or sealed for another context or key.
    static func open<T: Decodable>(_ type: T.Type, from text: String, context: String, with master: MasterKey) -> T? {
        guard text.count <= 1_000 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let plain = try? Vault.openService(data, context: context, with: master)
        else { return nil }
        return try? JSONDecoder().decode(type, from: plain)
    }
}

/// A link whose token is one id sealed for one use (`context`): the URL names nobody and cannot be
/// altered into another link's (a manual system's task, an owner's erasure list).
struct SealedIDLink: Sendable {
    let context: String

    func token(for id: UUID, master: MasterKey) throws -> String {
        try SealedToken.seal(id, context: context, with: master)
    }

    /// The id behind `token`; nil when it was altered, forged or made for another link.
    func id(from token: String?, master: MasterKey) -> UUID? {
        token.flatMap { SealedToken.open(UUID.self, from: $0, context: context, with: master) }
    }
}

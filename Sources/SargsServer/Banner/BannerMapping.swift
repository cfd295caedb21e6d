import Foundation
import SargsCore
import SargsKit

/// A visitor's cookie choice, as the banner script posts it.
struct CookieChoice: Sendable {
    var visitorID: String
    var choices: [CookieCategory.Kind: Bool]
    var policyVersion: String
    var cookieHash: String
    var language: String
    var gpc: Bool?

    /// What the script posts (unknown keys refused).
    fileprivate struct Body: Decodable, Sendable {
        var visitorId: String
        var choices: [String: Bool]
        var policyVersion: String
        var cookieHash: String
        var language: String
        var gpc: Bool?

        enum CodingKeys: String, CodingKey {
            case visitorId = "visitor_id", choices, policyVersion = "policy_version", cookieHash = "cookie_hash",
                language, gpc
        }
    }

}

extension CookieChoice {
    /// Decodes the posted body; a key that is not a cookie category kind is a 422 naming `choices`.
    init(decoding body: Data) throws {
        let decoded: Body
        do {
            decoded = try JSONDecoder().decode(
                StrictDecoding.Envelope<Body, StrictDecoding.RejectUnknown>.self, from: body
            ).value
        } catch let error as DomainError {
            throw error
        } catch {
            throw DomainError.malformed(nil, "the body is not a cookie choice")
        }
        var choices: [CookieCategory.Kind: Bool] = [:]
        for (key, value) in decoded.choices {
            guard let kind = CookieCategory.Kind(rawValue: key) else { choices = [:]; break }
            choices[kind] = value
        }
        guard !choices.isEmpty, choices.count == decoded.choices.count else {
            let kinds = CookieCategory.Kind.allCases.map(\.rawValue).sorted().joined(separator: ", ")
            throw DomainError.invalid("choices", "must map cookie category kinds (\(kinds)) to true or false")
        }
        self.init(
            visitorID: decoded.visitorId, choices: choices, policyVersion: decoded.policyVersion,
            cookieHash: decoded.cookieHash, language: decoded.language, gpc: decoded.gpc)
    }
}

extension CookieConsentModel {
    /// Stores the choices as the JSON object of kinds the record shows.
    func store(_ choices: [CookieCategory.Kind: Bool]) throws {
        let keyed = Dictionary(uniqueKeysWithValues: choices.map { ($0.key.rawValue, $0.value) })
        self.choices = String(decoding: try JSONEncoder().encode(keyed), as: UTF8.self)
    }
}

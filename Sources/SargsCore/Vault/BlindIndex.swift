import Crypto
import Foundation

/// Keyed blind indexes: look subjects up by e-mail or phone without decrypting anything.
///
/// The index is HMAC-SHA256 under a key derived from the master key (never a plain hash,
/// which anyone could recompute from a list of addresses), over the normalised value and
/// its kind, so an e-mail and a phone number can never collide.
public enum BlindIndex {
    public enum Kind: String, Sendable {
        case email
        case phone
    }

    /// The index of an already normalised value, as lower-case hex.
    public static func index(_ normalised: String, kind: Kind, with master: MasterKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("\(kind.rawValue)|\(normalised)".utf8), using: master.blindIndexKey)
        return Data(mac).hex
    }
}

/// Validation and normalisation of the values Sargs indexes and checks.
public enum ContactValue {
    /// Why a value was refused; messages name the problem, never the value.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case invalidEmail
        case invalidPhone
        case invalidDate
        case empty

        public var description: String {
            switch self {
            case .empty: return "must not be empty"
            case .invalidEmail: return "is not a valid e-mail address"
            case .invalidPhone: return "is not a phone number in E.164 form, e.g. +37120000000"
            case .invalidDate: return "is not a date in the form YYYY-MM-DD"
            }
        }
    }

    /// The one form of an e-mail address, so that one address is one subject: trimmed, in Unicode
    /// NFC, lower-cased, with the domain in its IDNA ASCII form (RFC 5891), after checking its shape.
    /// Control characters and invisible formatting characters (zero-width spaces, bidirectional
    /// overrides, soft hyphens) are refused: an address holding one would look like another.
    public static func normalisedEmail(_ raw: String) throws(Problem) -> String {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            .lowercased()
        guard
            !email.unicodeScalars.contains(where: {
                TextSafety.isForbidden($0) || $0.properties.generalCategory == .format
            })
        else {
            throw .invalidEmail
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains(".."),
            !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }),
            let domain = Punycode.asciiDomain(String(parts[1]))
        else {
            throw .invalidEmail
        }
        let normal = "\(parts[0])@\(domain)"
        guard normal.utf8.count <= 254 else { throw .invalidEmail }
        return normal
    }

    /// A phone number in E.164 form: `+` then 8 to 15 digits, the first not zero.
    /// Spaces, dashes, dots and parentheses are removed first.
    public static func normalisedPhone(_ raw: String) throws(Problem) -> String {
        let kept = raw.filter { !" -.()\u{00A0}".contains($0) }
        guard kept.hasPrefix("+") else { throw .invalidPhone }
        let digits = kept.dropFirst()
        guard (8...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0"
        else {
            throw .invalidPhone
        }
        return kept
    }

    /// A date of birth, which must not be in the future.
    public static func dateOfBirth(_ raw: String, today: CivilDate) throws(Problem) -> CivilDate {
        guard let date = CivilDate(iso: raw.trimmingCharacters(in: .whitespaces)), date <= today,
            date.year >= today.year - 150
        else { throw .invalidDate }
        return date
    }

    /// Categories Sargs checks and stores in a normal form; any other value is kept as given.
    public static let emailCategory = "user.contact.email"
    public static let phoneCategory = "user.contact.phone_number"
    public static let birthDateCategory = "user.demographic.date_of_birth"
    static let addressCategory = "user.contact.address"

    /// The category holding the address a channel reaches the person at; nil for channels whose
    /// address the policy does not keep as a category (push, messaging, social media).
    public static func category(of channel: ContactChannel) -> String? {
        switch channel {
        case .email: return emailCategory
        case .sms, .phoneCall, .automatedCall: return phoneCategory
        case .post: return addressCategory
        case .push, .instantMessage, .socialMedia: return nil
        }
    }

    /// The value of `category` in the form Sargs stores and indexes: a checked e-mail address, an
    /// E.164 phone number, an ISO date of birth, or any other non-blank value as given.
    public static func normalised(_ raw: String, category: String, today: CivilDate) throws(Problem) -> String {
        guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty }
        switch category {
        case emailCategory: return try normalisedEmail(raw)
        case phoneCategory: return try normalisedPhone(raw)
        case birthDateCategory: return try dateOfBirth(raw, today: today).description
        default: return raw
        }
    }

    /// Full years of age on `day`.
    public static func age(bornOn birth: CivilDate, on day: CivilDate) -> Int {
        var years = day.year - birth.year
        if (day.month, day.day) < (birth.month, birth.day) { years -= 1 }
        return years
    }
}

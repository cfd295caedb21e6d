import Foundation

/// A description of the policy file's structure. One description serves three
/// ends: structural checking with line and column, filling defaults, and the
/// JSON Schema that editors use.
public indirect enum Schema: Sendable {
    case object(ObjectSchema)
    case array(Schema, minItems: Int = 0)
    case string(StringFormat, description: String)
    case integer(minimum: Int?, maximum: Int?, description: String)
    case boolean(description: String)
    /// Either one language-neutral string or a map from language code to text.
    case localizedText(description: String)

    /// Shorthand for an enumeration of raw values.
    static func oneOf<T: CaseIterable & RawRepresentable>(_ type: T.Type, _ description: String) -> Schema
    where T.RawValue == String {
        .string(.enumeration(T.allCases.map(\.rawValue)), description: description)
    }

    /// What a person would call the expected value, for error messages.
    var expectation: String {
        switch self {
        case .object: return "a mapping"
        case .array: return "a list"
        case .string(let format, _): return format.expectation
        case .integer: return "a whole number"
        case .boolean: return "true or false"
        case .localizedText: return "a text or a map of language codes to texts"
        }
    }
}

/// An object with named properties.
public struct ObjectSchema: Sendable {
    public var description: String
    public var properties: [Property]

    public init(_ description: String, _ properties: [Property]) {
        self.description = description
        self.properties = properties
    }

    public func property(_ name: String) -> Property? { properties.first { $0.name == name } }
}

/// A property of an object: its name, shape, and whether it must be present.
public struct Property: Sendable {
    public let name: String
    /// The Swift property name the value decodes into (`legal_basis` → `legalBasis`), computed once.
    public let codingName: String
    public let schema: Schema
    public let required: Bool
    /// Filled in when the property is absent.
    public let defaultValue: JSONValue?

    init(name: String, schema: Schema, required: Bool, defaultValue: JSONValue?) {
        self.name = name
        self.codingName = SchemaWalker.camelCase(name)
        self.schema = schema
        self.required = required
        self.defaultValue = defaultValue
    }

    public static func required(_ name: String, _ schema: Schema) -> Property {
        Property(name: name, schema: schema, required: true, defaultValue: nil)
    }

    public static func optional(_ name: String, _ schema: Schema, default value: JSONValue? = nil) -> Property {
        Property(name: name, schema: schema, required: false, defaultValue: value)
    }
}

/// Formats a string must follow.
public enum StringFormat: Sendable {
    case text
    /// Lower-case words joined by `-`, `_` or `.`.
    case identifier
    case email
    case url
    /// `YYYY-MM-DD`.
    case date
    /// ISO 8601 duration.
    case duration
    /// ISO 8601 duration or `session`.
    case durationOrSession
    /// ISO 3166-1 alpha-2.
    case countryCode
    /// ISO 639-1.
    case languageCode
    /// `#RRGGBB`, dark enough for white text on it (WCAG 2.2 contrast 4.5:1).
    case colour
    case enumeration([String])

    var expectation: String {
        switch self {
        case .text: return "a text"
        case .identifier: return "an identifier (lower-case letters, digits, '-', '_', '.')"
        case .email: return "an e-mail address"
        case .url: return "an http(s) URL"
        case .date: return "a date YYYY-MM-DD"
        case .duration: return "an ISO 8601 duration such as P1M or P5Y"
        case .durationOrSession: return "'session' or an ISO 8601 duration such as P13M"
        case .countryCode: return "an ISO 3166-1 alpha-2 country code such as LV"
        case .languageCode: return "an ISO 639-1 language code such as lv"
        case .colour: return "a colour #RRGGBB dark enough for white text (contrast 4.5:1), such as #0a56b3"
        case .enumeration(let values): return "one of \(values.joined(separator: ", "))"
        }
    }

    /// Why `value` does not fit this format, or nil when it fits.
    func problem(with value: String) -> String? {
        switch self {
        case .text:
            return value.trimmingCharacters(in: .whitespaces).isEmpty ? "must not be empty" : nil
        case .identifier:
            let allowed = value.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
            }
            return !value.isEmpty && allowed ? nil : "'\(value)' is not \(expectation)"
        case .email:
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            let valid =
                parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
                && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !value.contains(" ")
            return valid ? nil : "'\(value)' is not an e-mail address"
        case .url:
            let valid =
                (value.hasPrefix("https://") || value.hasPrefix("http://")) && !value.contains(" ")
                && value.split(separator: "/").count >= 2
            return valid ? nil : "'\(value)' is not \(expectation)"
        case .date:
            return CivilDate(iso: value) == nil ? "'\(value)' is not a valid date YYYY-MM-DD" : nil
        case .duration:
            do {
                _ = try ISODuration(parsing: value)
                return nil
            } catch {
                return "'\(value)' is not an ISO 8601 duration: \(error.description)"
            }
        case .durationOrSession:
            return value == "session" ? nil : StringFormat.duration.problem(with: value)
        case .countryCode:
            let valid = value.count == 2 && value.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
            return valid ? nil : "'\(value)' is not \(expectation)"
        case .languageCode:
            let valid = value.count == 2 && value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
            return valid ? nil : "'\(value)' is not \(expectation)"
        case .colour:
            guard let contrast = BrandColour.contrastWithWhite(value) else {
                return "'\(value)' is not a colour #RRGGBB"
            }
            return contrast >= 4.5
                ? nil
                : """
                '\(value)' is too light for white text on it (contrast \(String(format: "%.1f", contrast)):1, \
                WCAG 2.2 asks 4.5:1)
                """
        case .enumeration(let values):
            return values.contains(value) ? nil : "'\(value)' is not \(expectation)"
        }
    }

    var jsonSchemaPattern: String? {
        switch self {
        case .identifier: return "^[a-z0-9._-]+$"
        case .date: return "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        case .duration: return Self.durationPattern
        case .durationOrSession: return "^(session|\(Self.durationPattern.dropFirst().dropLast()))$"
        case .countryCode: return "^[A-Z]{2}$"
        case .languageCode: return "^[a-z]{2}$"
        case .email: return "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"
        case .url: return "^https?://\\S+$"
        case .colour: return "^#[0-9A-Fa-f]{6}$"
        case .text, .enumeration: return nil
        }
    }

    static let durationPattern =
        "^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$"
}

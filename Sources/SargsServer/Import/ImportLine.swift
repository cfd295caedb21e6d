import Foundation

/// One line of a `sargs subjects import` file: a subject as `POST /v1/subjects` takes it, with its
/// facts and their original dates — relationships, consents (given or withdrawn) and objections.
struct ImportLine: Decodable, Sendable {
    var subject: CreateSubjectRequest
    var relationships: [RelationshipRequest]
    var consents: [ConsentRequest]
    var objections: [ObjectionRequest]
    /// When the last accounting record about the subject was made (accounting retention counts from its year).
    var lastTransactionAt: Date?

    enum CodingKeys: String, CodingKey {
        case relationships, consents, objections, lastTransactionAt = "last_transaction_at"
    }

    /// Every key a line may have; another is refused rather than silently ignored (a misspelt
    /// `consent` would otherwise drop the person's consents).
    static let keys: Set<String> = [
        "external_ref", "country", "language", "data", "source", "collected_for", "collected_at", "obtained_from",
        "relationships", "consents", "objections", "last_transaction_at",
    ]

    init(from decoder: any Decoder) throws {
        subject = try CreateSubjectRequest(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        relationships = try container.decodeIfPresent([RelationshipRequest].self, forKey: .relationships) ?? []
        consents = try container.decodeIfPresent([ConsentRequest].self, forKey: .consents) ?? []
        objections = try container.decodeIfPresent([ObjectionRequest].self, forKey: .objections) ?? []
        lastTransactionAt = try container.decodeIfPresent(Date.self, forKey: .lastTransactionAt)
    }

    /// Decodes one line; a problem names the field (`consents[1].at`) and what is wrong, never a value.
    static func decode(_ line: Data) throws -> ImportLine {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            throw ImportProblem(field: nil, detail: "is not a JSON object")
        }
        if let unknown = object.keys.filter({ !keys.contains($0) }).sorted().first {
            throw ImportProblem(
                field: unknown,
                detail: "is not a field of an import line; fields: \(keys.sorted().joined(separator: ", "))")
        }
        do {
            return try decoder.decode(ImportLine.self, from: line)
        } catch let error as DecodingError {
            throw ImportProblem(error)
        }
    }

    /// RFC 3339 times, with or without fractional seconds.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
                return date
            }
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "must be an RFC 3339 time such as 2024-05-01T09:30:00Z"))
        }
        return decoder
    }()
}

/// Why a line of an import was refused: the field, as a path into the line, and the problem.
struct ImportProblem: Error, Sendable, Equatable {
    var field: String?
    var detail: String

    init(field: String?, detail: String) {
        self.field = field
        self.detail = detail
    }

    /// The decoding failure in the line's own terms; the value found is not repeated.
    init(_ error: DecodingError) {
        func path(_ keys: [any CodingKey]) -> String? {
            let parts = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            let joined = parts.joined()
            return joined.isEmpty ? nil : String(joined.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: path(context.codingPath + [key]), detail: "is missing")
        case .typeMismatch(let type, let context):
            self.init(field: path(context.codingPath), detail: "must be \(Self.kind(type))")
        case .valueNotFound(let type, let context):
            self.init(field: path(context.codingPath), detail: "must be \(Self.kind(type)), not null")
        case .dataCorrupted(let context):
            self.init(field: path(context.codingPath), detail: context.debugDescription)
        @unknown default:
            self.init(field: nil, detail: "cannot be read")
        }
    }

    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Date.Type: return "an RFC 3339 time"
        case is [String: String].Type: return "an object of strings"
        default: return type is any Collection.Type ? "an array" : "an object"
        }
    }
}

import Foundation
import SargsCore
import Vapor

/// The one JSON configuration of every response: snake_case keys, ISO 8601 times, sorted keys.
/// DTOs that spell their keys (`CodingKeys` in snake_case) are unchanged by the conversion; the
/// dictionaries responses hold are keyed by category keys, kinds and purposes, which are lower case,
/// so the conversion leaves them as they are. The two hot responses write the same keys without an
/// encoder (`FixedJSON`; a test compares them with this encoder's output).
public enum SnakeCaseJSON {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Makes `encoder` the one Vapor uses for every `Content` response too, so a route returning a DTO
    /// and one calling `response(_:)` write the same JSON. Called by `configure`; idempotent.
    public static func useForEveryResponse() {
        ContentConfiguration.global.use(encoder: encoder, for: .json)
    }

    public static func response<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, using: encoder)
        return response
    }
}

/// `{"id": …}` for a created resource.
public struct CreatedResponse: Content {
    public var id: String

    public init(id: UUID) {
        self.id = id.wire
    }

    /// A 201 with this body, and `Location` when the resource has its own URL.
    public static func response(_ id: UUID, location: String? = nil) throws -> Response {
        let response = Response(status: .created)
        try response.content.encode(CreatedResponse(id: id))
        if let location { response.headers.replaceOrAdd(name: .location, value: location) }
        return response
    }
}

extension UUID {
    /// The id as every response, receipt and audit entry writes it: lower case.
    public var wire: String { lowercasedText }
}

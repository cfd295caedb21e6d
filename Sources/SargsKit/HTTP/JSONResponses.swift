import Foundation
import Vapor

/// Responses of the API use snake_case keys; none of them holds a dictionary, whose keys
/// (category keys) the conversion would otherwise change.
public enum SnakeCaseJSON {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

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
    public var wire: String { uuidString.lowercased() }
}

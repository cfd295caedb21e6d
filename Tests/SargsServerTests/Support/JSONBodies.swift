import Foundation
import NIOCore

/// A JSON request body from a literal dictionary (nested dictionaries and arrays allowed).
func json(_ object: [String: any Sendable]) throws -> ByteBuffer {
    ByteBuffer(bytes: Array(try JSONSerialization.data(withJSONObject: object)))
}

/// A JSON request body from a value that spells its own keys.
func json(_ value: some Encodable) throws -> ByteBuffer {
    ByteBuffer(bytes: Array(try JSONEncoder().encode(value)))
}

import Foundation
import NIOCore

/// JSON request bodies.
func json(_ object: [String: any Sendable]) throws -> ByteBuffer {
    ByteBuffer(bytes: Array(try JSONSerialization.data(withJSONObject: object)))
}

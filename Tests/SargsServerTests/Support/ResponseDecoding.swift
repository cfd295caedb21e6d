import Foundation
import VaporTesting

/// A response's JSON object body as a dictionary.
func decoded(_ response: TestingHTTPResponse) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
}

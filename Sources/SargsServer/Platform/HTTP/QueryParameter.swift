import Foundation
import Vapor

extension Request {
    /// The first value of the query parameter `name`, decoded (`+` as a space, then percent
    /// escapes); nil when absent or not valid UTF-8. Read straight from the URL, without Vapor's
    /// form decoder, which a single text parameter on a hot path (a purpose-bound read) does not need.
    func queryParameter(_ name: String) -> String? {
        guard let query = url.query else { return nil }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard Self.formDecoded(parts[0]) == name else { continue }
            return parts.count > 1 ? Self.formDecoded(parts[1]) : ""
        }
        return nil
    }

    private static func formDecoded(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

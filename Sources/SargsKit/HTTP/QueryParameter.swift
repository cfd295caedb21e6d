import Foundation
import SargsCore
import Vapor

extension Request {
    /// The first value of the query parameter `name`, decoded (`+` as a space, then percent
    /// escapes); nil when absent or not valid UTF-8. Read straight from the URL, without Vapor's
    /// form decoder, which a single text parameter on a hot path (a purpose-bound read) does not need.
    public func queryParameter(_ name: String) -> String? {
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

extension Request {
    /// An integer query parameter, nil when absent; refused rather than ignored or clamped: 400
    /// when it is not a whole number, 422 when it is outside `range` (both naming the parameter).
    public func integerQuery<Number: FixedWidthInteger & Sendable>(
        _ name: String, in range: ClosedRange<Number>
    ) throws -> Number? {
        guard let text = queryParameter(name) else { return nil }
        guard let value = Number(text) else { throw DomainError.malformed(name, "must be a whole number") }
        guard range.contains(value) else {
            throw DomainError.invalid(name, "must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A boolean query parameter: `true` or `false` (absent is false); anything else is refused.
    public func booleanQuery(_ name: String) throws -> Bool {
        switch queryParameter(name) {
        case nil, "false": return false
        case "true": return true
        default: throw DomainError.malformed(name, "must be true or false")
        }
    }

    /// A text query parameter, nil when absent; an empty value (`?status=`) is refused rather than
    /// read as absent, and so are control characters.
    public func textQuery(_ name: String) throws -> String? {
        guard let text = queryParameter(name) else { return nil }
        guard !text.isEmpty else {
            throw DomainError.malformed(name, "must not be empty; leave the parameter out instead")
        }
        try TextSafety.check(text, field: name)
        return text
    }
}

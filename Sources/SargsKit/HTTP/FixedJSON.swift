import Vapor

/// Writes a small JSON object of a known shape as text, field by field, for the hottest responses
/// (decisions and purpose-bound reads): no `JSONEncoder`, no reflection over coding keys. Strings
/// are escaped as RFC 8259 requires (quote, backslash and control characters).
public struct FixedJSONObject {
    private var text = "{"
    private var empty = true

    public init() {}

    /// Adds `"key": "value"`, or `"key": null` for nil.
    public mutating func add(_ key: String, _ value: String?) {
        name(key)
        if let value { Self.append(quoted: value, to: &text) } else { text += "null" }
    }

    public mutating func add(_ key: String, _ value: Bool) {
        name(key)
        text += value ? "true" : "false"
    }

    /// Adds an array of strings.
    public mutating func add(_ key: String, _ values: [String]) {
        name(key)
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            Self.append(quoted: value, to: &text)
        }
        text += "]"
    }

    /// Adds an object of strings, its keys in sorted order.
    public mutating func add(_ key: String, _ values: [String: String]) {
        name(key)
        var object = FixedJSONObject()
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { object.add(name, value) }
        text += object.json
    }

    /// The object's text.
    public var json: String { text + "}" }

    /// A 200 response with this object as its `application/json` body.
    public var response: Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }

    private mutating func name(_ key: String) {
        if !empty { text += "," }
        empty = false
        Self.append(quoted: key, to: &text)
        text += ":"
    }

    public static func append(quoted value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

/// A response type whose body `FixedJSONObject` writes. Each conforming type also implements
/// Vapor's `encodeResponse(for:)` itself (one line each, calling `fixedResponse`), since its
/// `Content` conformance brings a default that a protocol extension could not replace.
public protocol FixedJSONResponse {
    var fixedJSON: FixedJSONObject { get }
}

extension FixedJSONResponse {
    /// The response for a route that returns a future.
    public func fixedResponse(on request: Request) -> EventLoopFuture<Response> {
        request.eventLoop.makeSucceededFuture(fixedJSON.response)
    }
}

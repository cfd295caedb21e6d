import Foundation
import NIOCore
import SargsCore
import Vapor

/// Request bodies decoded strictly on every route: JSON refuses fields its type does not know and
/// text with control characters; forms refuse control characters (their buttons and tokens travel
/// beside the fields, so unknown keys are not an error there). See ``StrictDecoding``.
public enum StrictContent {
    /// Registers the strict decoders for JSON and forms with Vapor's content configuration.
    public static func use() {
        ContentConfiguration.global.use(decoder: StrictJSONDecoder(), for: .json)
        ContentConfiguration.global.use(decoder: StrictFormDecoder(), for: .urlEncodedForm)
    }
}

/// JSON with unknown fields and control characters refused (422 naming the field).
public struct StrictJSONDecoder: ContentDecoder {
    public func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(decodable, from: body, headers: headers, userInfo: [:])
    }

    public func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
        userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        let decoder = JSONDecoder.custom(dates: .iso8601)
        decoder.userInfo = userInfo
        return try decoder.decode(
            StrictDecoding.Envelope<D, StrictDecoding.RejectUnknown>.self, from: Data(body.readableBytesView)
        ).value
    }
}

/// HTML forms with control characters refused.
public struct StrictFormDecoder: ContentDecoder {
    public let base = URLEncodedFormDecoder()

    public func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try base.decode(StrictDecoding.Envelope<D, StrictDecoding.AllowUnknown>.self, from: body, headers: headers)
            .value
    }

    public func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
        userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        try base.decode(
            StrictDecoding.Envelope<D, StrictDecoding.AllowUnknown>.self, from: body, headers: headers,
            userInfo: userInfo
        ).value
    }
}

import Foundation
import NIOCore
import SargsCore
import Vapor

/// Request bodies decoded strictly on every route: JSON refuses fields its type does not know and
/// text with control characters; forms refuse control characters (their buttons and tokens travel
/// beside the fields, so unknown keys are not an error there). See ``StrictDecoding``.
enum StrictContent {
    /// Registers the strict decoders for JSON and forms with Vapor's content configuration.
    static func use() {
        ContentConfiguration.global.use(decoder: StrictJSONDecoder(), for: .json)
        ContentConfiguration.global.use(decoder: StrictFormDecoder(), for: .urlEncodedForm)
    }
}

/// JSON with unknown fields and control characters refused (422 naming the field).
struct StrictJSONDecoder: ContentDecoder {
    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(decodable, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        let decoder = JSONDecoder.custom(dates: .iso8601)
        decoder.userInfo = userInfo
        return try decoder.decode(StrictDecoding.Envelope<D, StrictDecoding.RejectUnknown>.self, from: Data(body.readableBytesView)).value
    }
}

/// HTML forms with control characters refused.
struct StrictFormDecoder: ContentDecoder {
    let base = URLEncodedFormDecoder()

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try base.decode(StrictDecoding.Envelope<D, StrictDecoding.AllowUnknown>.self, from: body, headers: headers).value
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try base.decode(StrictDecoding.Envelope<D, StrictDecoding.AllowUnknown>.self, from: body, headers: headers, userInfo: userInfo).value
    }
}

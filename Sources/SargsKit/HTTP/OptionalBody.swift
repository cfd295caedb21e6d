import Vapor

extension Request {
    /// The body decoded as `type`, or `empty` when the request has no body at all. A body that is
    /// present but does not decode is refused (400 or 422 naming the field), never dropped: an
    /// approval whose fee failed to decode must not complete the request without it.
    public func optionalBody<Body: Decodable>(_ type: Body.Type, or empty: @autoclosure () -> Body) throws -> Body {
        guard let data = body.data, data.readableBytes > 0 else { return empty() }
        return try content.decode(type)
    }
}

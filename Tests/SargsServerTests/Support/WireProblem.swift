extension Wire {
    /// `Problem`: an RFC 9457 `application/problem+json` body naming the field at fault.
    struct Problem: Decodable, Sendable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let field: String?
    }
}

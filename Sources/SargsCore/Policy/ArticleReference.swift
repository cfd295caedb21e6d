/// A reference to an article of a law, e.g. GDPR Article 6(1)(a): article 6, paragraph 1, point a.
/// Notices render it the way each language cites law ("VDAR 6. panta 1. punkta a) apakšpunkts").
public struct ArticleReference: Sendable, Hashable, CustomStringConvertible {
    public var article: Int
    public var paragraph: Int?
    public var point: String?

    public init(_ article: Int, _ paragraph: Int? = nil, _ point: String? = nil) {
        self.article = article
        self.paragraph = paragraph
        self.point = point
    }

    /// The compact form used in English and in records: `6(1)(a)`.
    public var description: String {
        var text = "\(article)"
        if let paragraph { text += "(\(paragraph))" }
        if let point { text += "(\(point))" }
        return text
    }

    /// The template key for this shape of reference: `cite.a`, `cite.ap` or `cite.app`.
    var templateKey: String {
        point != nil ? "cite.app" : paragraph != nil ? "cite.ap" : "cite.a"
    }

    /// Values for the template placeholders.
    var templateValues: [String: String] {
        ["article": "\(article)", "paragraph": paragraph.map(String.init) ?? "", "point": point ?? ""]
    }
}

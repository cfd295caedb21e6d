/// A rendered notice, independent of output format: HTML and Markdown writers
/// serialise the same document, so both always say the same thing.
public struct NoticeDocument: Sendable, Hashable {
    public var language: String
    public var title: String
    /// Version and effective date line.
    public var subtitle: String
    public var sections: [Section]
    /// The company's colour for links and rules (`branding.colour`, already checked for contrast); nil for the default.
    public var accent: String? = nil

    public struct Section: Sendable, Hashable {
        /// Stable anchor, e.g. `rights`.
        public var id: String
        public var heading: String
        public var blocks: [Block]
    }
}

/// A labelled value, e.g. "E-mail: info@example.com".
public struct NoticeField: Sendable, Hashable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// A piece of notice content.
public indirect enum Block: Sendable, Hashable {
    case paragraph(String)
    /// An emphasised paragraph (the separate objection notice of Art. 21(4)).
    case callout(heading: String, text: String)
    case list([String])
    /// Label and value pairs, e.g. a controller's contact details.
    case fields([NoticeField])
    case table(headers: [String], rows: [[String]])
    case subsection(heading: String, blocks: [Block])
}

/// Where each YAML path of a loaded policy sits in its file.
public struct SourceMap: Sendable {
    public let file: String
    let positions: [String: SourceLocation]

    public init(file: String, positions: [String: SourceLocation]) {
        self.file = file
        self.positions = positions
    }

    /// The location of `path`, or of its nearest recorded ancestor.
    public func location(of path: String) -> SourceLocation {
        var candidate = path
        while !candidate.isEmpty {
            if let location = positions[candidate] { return location }
            if let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) {
                candidate = String(candidate[..<cut])
            } else {
                candidate = ""
            }
        }
        return positions[""] ?? SourceLocation(file: file, line: 1, column: 1)
    }
}

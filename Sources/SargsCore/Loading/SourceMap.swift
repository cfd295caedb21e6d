/// Where each node of a loaded policy sits in its file.
///
/// Nodes are stored flat in document order; each entry knows its parent and where its
/// subtree ends. Loading only appends (no hashing, no path strings), and a YAML path such
/// as `purposes[2].label.lt` is resolved on demand by skipping over sibling subtrees.
public struct SourceMap: Sendable {
    public let file: String
    let entries: [Entry]

    struct Entry: Sendable {
        /// The mapping key this node is the value of, if any.
        var key: String?
        /// The position in its parent list, if any.
        var index: Int?
        var parent: Int
        var line: Int32
        var column: Int32
        /// One past the last entry of this node's subtree.
        var end: Int
    }

    init(file: String, entries: [Entry]) {
        self.file = file
        self.entries = entries
    }

    /// The location of `path`, or of its nearest recorded ancestor.
    public func location(of path: String) -> SourceLocation {
        guard !entries.isEmpty else { return SourceLocation(file: file, line: 1, column: 1) }
        var current = 0
        for component in Self.components(of: path) {
            guard let child = child(of: current, matching: component) else { break }
            current = child
        }
        return SourceLocation(file: file, line: Int(entries[current].line), column: Int(entries[current].column))
    }

    /// The dotted path of an entry, e.g. `purposes[2].label.lt`.
    func path(of entry: Int) -> String {
        var parts: [String] = []
        var current = entry
        while current > 0 {
            let item = entries[current]
            if let key = item.key {
                parts.append(key)
            } else if let index = item.index {
                parts.append("[\(index)]")
            }
            current = item.parent
        }
        var path = ""
        for part in parts.reversed() {
            if part.hasPrefix("[") || path.isEmpty { path += part } else { path += "." + part }
        }
        return path
    }

    enum Component: Equatable {
        case key(String)
        case index(Int)
    }

    static func components(of path: String) -> [Component] {
        var result: [Component] = []
        for segment in path.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(segment)
            if let bracket = rest.firstIndex(of: "[") {
                if bracket > rest.startIndex { result.append(.key(String(rest[..<bracket]))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let number = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                        result.append(.index(number))
                    }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                result.append(.key(String(rest)))
            }
        }
        return result
    }

    private func child(of parent: Int, matching component: Component) -> Int? {
        var candidate = parent + 1
        while candidate < entries[parent].end {
            let entry = entries[candidate]
            switch component {
            case .key(let key) where entry.key == key: return candidate
            case .index(let index) where entry.index == index: return candidate
            default: candidate = entry.end
            }
        }
        return nil
    }
}

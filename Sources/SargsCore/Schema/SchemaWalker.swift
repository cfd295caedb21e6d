import Foundation
import Yams

/// Walks a YAML tree against a `Schema`, collecting every structural problem
/// with its position, recording where each path sits in the file, and
/// producing the JSON form (with defaults filled) for typed decoding.
struct SchemaWalker {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Where every node sits, in document order.
    private(set) var entries: [SourceMap.Entry] = []

    init(file: String, expectedNodes: Int = 0) {
        self.file = file
        entries.reserveCapacity(expectedNodes)
    }

    /// The positions recorded so far.
    var sourceMap: SourceMap { SourceMap(file: file, entries: entries) }

    /// Walks the document root.
    mutating func walkRoot(_ node: Node, _ schema: Schema) -> JSONValue? {
        let root = record(node, key: nil, index: nil, parent: 0)
        return walk(node, schema, entry: root)
    }

    private mutating func record(_ node: Node, key: String?, index: Int?, parent: Int) -> Int {
        let mark = node.mark
        entries.append(
            SourceMap.Entry(
                key: key, index: index, parent: parent, line: Int32(mark?.line ?? 1),
                column: Int32(mark?.column ?? 1), end: entries.count + 1))
        return entries.count - 1
    }

    /// The dotted path of an entry, built only when a finding needs it.
    private func path(_ entry: Int) -> String { sourceMap.path(of: entry) }

    private func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Returns the JSON form of the node recorded at `entry`, or nil where it does not fit the schema.
    mutating func walk(_ node: Node, _ schema: Schema, entry: Int) -> JSONValue? {
        defer { entries[entry].end = entries.count }
        let location = self.location(of: node)
        switch schema {
        case .object(let object):
            return walkObject(node, object, entry: entry, location: location)
        case .array(let element, let minItems):
            guard case .sequence(let sequence) = node else {
                return mismatch(node, schema, path: path(entry), location: location)
            }
            if sequence.count < minItems {
                report(
                    .missingKey, at: location, path: path(entry),
                    "the list must have at least \(minItems) item\(minItems == 1 ? "" : "s")",
                    hint: "add an entry, or remove the key if it is optional")
            }
            var items: [JSONValue] = []
            var valid = true
            items.reserveCapacity(sequence.count)
            for (index, item) in sequence.enumerated() {
                let itemEntry = record(item, key: nil, index: index, parent: entry)
                if let value = walk(item, element, entry: itemEntry) { items.append(value) } else { valid = false }
            }
            return valid ? .array(items) : nil
        case .string(let format, _):
            guard let text = scalarText(node) else {
                return mismatch(node, schema, path: path(entry), location: location)
            }
            if let problem = format.problem(with: text) {
                var hint: String?
                if case .enumeration(let values) = format,
                    let nearest = NearestMatch.suggestion(for: text, among: values)
                {
                    hint = "did you mean '\(nearest)'?"
                } else if case .duration = format {
                    hint = "write e.g. P30D (30 days), P1M (one month), P5Y (five years), P2Y6M"
                } else if case .durationOrSession = format {
                    hint = "write 'session' or a duration such as P13M"
                }
                report(
                    format.isDuration ? .invalidDuration : .invalidValue, at: location, path: path(entry), problem,
                    hint: hint)
                return nil
            }
            return .string(text)
        case .integer(let minimum, let maximum, _):
            guard let text = scalarText(node), let value = Int(text) else {
                return mismatch(node, schema, path: path(entry), location: location)
            }
            if let minimum, value < minimum {
                report(.invalidValue, at: location, path: path(entry), "\(value) is below the minimum \(minimum)")
                return nil
            }
            if let maximum, value > maximum {
                report(.invalidValue, at: location, path: path(entry), "\(value) is above the maximum \(maximum)")
                return nil
            }
            return .integer(value)
        case .boolean:
            switch scalarText(node)?.lowercased() {
            case "true", "yes": return .bool(true)
            case "false", "no": return .bool(false)
            default: return mismatch(node, schema, path: path(entry), location: location)
            }
        case .localizedText:
            if let text = scalarText(node) {
                guard StringFormat.text.problem(with: text) == nil else {
                    report(.invalidValue, at: location, path: path(entry), "the text must not be empty")
                    return nil
                }
                return .string(text)
            }
            guard case .mapping(let mapping) = node else {
                return mismatch(node, schema, path: path(entry), location: location)
            }
            var texts: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                let language = keyNode.string ?? ""
                _ = record(valueNode, key: language, index: nil, parent: entry)
                if let problem = StringFormat.languageCode.problem(with: language) {
                    report(
                        .invalidValue, at: self.location(of: keyNode), path: child(path(entry), language), problem,
                        hint: "translations are keyed by language code: en, lv, lt, et, uk, ru")
                    continue
                }
                guard let text = scalarText(valueNode), !text.isEmpty else {
                    report(
                        .wrongType, at: self.location(of: valueNode), path: child(path(entry), language),
                        "expected a text")
                    continue
                }
                texts[language] = .string(text)
            }
            return .object(texts)
        }
    }

    private mutating func walkObject(
        _ node: Node, _ object: ObjectSchema, entry: Int, location: SourceLocation
    ) -> JSONValue? {
        guard case .mapping(let mapping) = node else {
            return mismatch(node, .object(object), path: path(entry), location: location)
        }
        var result: [String: JSONValue] = [:]
        var valid = true
        var seen: Set<String> = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            guard let property = object.property(key) else {
                let names = object.properties.map(\.name)
                let hint =
                    NearestMatch.suggestion(for: key, among: names).map { "did you mean '\($0)'?" }
                    ?? "valid keys here: \(names.joined(separator: ", "))"
                report(
                    .unknownKey, at: self.location(of: keyNode), path: child(path(entry), key), "unknown key '\(key)'",
                    hint: hint)
                continue  // reported, but the rest of the mapping can still be decoded and checked
            }
            if !property.required, scalarText(valueNode) == nil, case .scalar = valueNode {
                continue  // `key:` with no value counts as absent for an optional key
            }
            seen.insert(key)
            let valueEntry = record(valueNode, key: key, index: nil, parent: entry)
            if let value = walk(valueNode, property.schema, entry: valueEntry) {
                result[property.codingName] = value
            } else {
                valid = false
            }
        }
        for property in object.properties where !seen.contains(property.name) {
            if property.required {
                report(
                    .missingKey, at: location, path: child(path(entry), property.name),
                    "missing required key '\(property.name)'", hint: "expected \(property.schema.expectation)")
                valid = false
            } else if let defaultValue = property.defaultValue {
                result[property.codingName] = Self.filledDefault(defaultValue, property.schema)
            }
        }
        return valid ? .object(result) : nil
    }

    /// An empty-object default is filled with the nested properties' own defaults.
    static func filledDefault(_ value: JSONValue, _ schema: Schema) -> JSONValue {
        guard case .object(let given) = value, given.isEmpty, case .object(let object) = schema else { return value }
        var result: [String: JSONValue] = [:]
        for property in object.properties {
            if let nested = property.defaultValue {
                result[property.codingName] = filledDefault(nested, property.schema)
            }
        }
        return .object(result)
    }

    static func camelCase(_ snake: String) -> String {
        let parts = snake.split(separator: "_")
        guard let first = parts.first else { return snake }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        if node.null != nil && scalar.style == .plain { return nil }
        return scalar.string
    }

    private mutating func mismatch(_ node: Node, _ schema: Schema, path: String, location: SourceLocation) -> JSONValue?
    {
        let found: String
        switch node {
        case .mapping: found = "a mapping"
        case .sequence: found = "a list"
        case .scalar: found = node.null != nil ? "nothing" : "'\(node.string ?? "")'"
        case .alias: found = "an alias"
        }
        report(.wrongType, at: location, path: path, "expected \(schema.expectation), found \(found)")
        return nil
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    private mutating func report(
        _ code: DiagnosticCode, at location: SourceLocation, path: String,
        _ message: String, hint: String? = nil
    ) {
        diagnostics.append(Diagnostic(.error, code, at: location, path: path, message: message, hint: hint))
    }
}

extension StringFormat {
    var isDuration: Bool {
        switch self {
        case .duration, .durationOrSession: return true
        default: return false
        }
    }
}

import Foundation
import Yams

/// Walks a YAML tree against a `Schema`, collecting every structural problem
/// with its position, recording where each path sits in the file, and
/// producing the JSON form (with defaults filled) for typed decoding.
struct SchemaWalker {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Where each YAML path's value starts.
    private(set) var positions: [String: SourceLocation] = [:]

    init(file: String) {
        self.file = file
    }

    /// Returns the JSON form of `node`, or nil where it does not fit the schema.
    mutating func walk(_ node: Node, _ schema: Schema, path: String) -> JSONValue? {
        let location = self.location(of: node)
        positions[path] = location
        switch schema {
        case .object(let object):
            return walkObject(node, object, path: path, location: location)
        case .array(let element, let minItems):
            guard case .sequence(let sequence) = node else {
                return mismatch(node, schema, path: path, location: location)
            }
            if sequence.count < minItems {
                report(.missingKey, at: location, path: path,
                       "the list must have at least \(minItems) item\(minItems == 1 ? "" : "s")",
                       hint: "add an entry, or remove the key if it is optional")
            }
            var items: [JSONValue] = []
            var valid = true
            for (index, child) in sequence.enumerated() {
                if let value = walk(child, element, path: "\(path)[\(index)]") { items.append(value) } else { valid = false }
            }
            return valid ? .array(items) : nil
        case .string(let format, _):
            guard let text = scalarText(node) else { return mismatch(node, schema, path: path, location: location) }
            if let problem = format.problem(with: text) {
                var hint: String?
                if case .enumeration(let values) = format, let nearest = NearestMatch.suggestion(for: text, among: values) {
                    hint = "did you mean '\(nearest)'?"
                } else if case .duration = format {
                    hint = "write e.g. P30D (30 days), P1M (one month), P5Y (five years), P2Y6M"
                } else if case .durationOrSession = format {
                    hint = "write 'session' or a duration such as P13M"
                }
                report(format.isDuration ? .invalidDuration : .invalidValue, at: location, path: path, problem, hint: hint)
                return nil
            }
            return .string(text)
        case .integer(let minimum, let maximum, _):
            guard let text = scalarText(node), let value = Int(text) else {
                return mismatch(node, schema, path: path, location: location)
            }
            if let minimum, value < minimum {
                report(.invalidValue, at: location, path: path, "\(value) is below the minimum \(minimum)")
                return nil
            }
            if let maximum, value > maximum {
                report(.invalidValue, at: location, path: path, "\(value) is above the maximum \(maximum)")
                return nil
            }
            return .integer(value)
        case .boolean:
            switch scalarText(node)?.lowercased() {
            case "true", "yes": return .bool(true)
            case "false", "no": return .bool(false)
            default: return mismatch(node, schema, path: path, location: location)
            }
        case .localizedText:
            if let text = scalarText(node) {
                guard StringFormat.text.problem(with: text) == nil else {
                    report(.invalidValue, at: location, path: path, "the text must not be empty")
                    return nil
                }
                return .string(text)
            }
            guard case .mapping(let mapping) = node else { return mismatch(node, schema, path: path, location: location) }
            var texts: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                let language = keyNode.string ?? ""
                let childPath = "\(path).\(language)"
                positions[childPath] = self.location(of: valueNode)
                if let problem = StringFormat.languageCode.problem(with: language) {
                    report(.invalidValue, at: self.location(of: keyNode), path: childPath, problem,
                           hint: "translations are keyed by language code: en, lv, lt, et, uk, ru")
                    continue
                }
                guard let text = scalarText(valueNode), !text.isEmpty else {
                    report(.wrongType, at: self.location(of: valueNode), path: childPath, "expected a text")
                    continue
                }
                texts[language] = .string(text)
            }
            return .object(texts)
        }
    }

    private mutating func walkObject(_ node: Node, _ object: ObjectSchema, path: String, location: SourceLocation) -> JSONValue? {
        guard case .mapping(let mapping) = node else {
            return mismatch(node, .object(object), path: path, location: location)
        }
        var result: [String: JSONValue] = [:]
        var valid = true
        var seen: Set<String> = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard let property = object.property(key) else {
                let names = object.properties.map(\.name)
                let hint = NearestMatch.suggestion(for: key, among: names).map { "did you mean '\($0)'?" }
                    ?? "valid keys here: \(names.joined(separator: ", "))"
                report(.unknownKey, at: self.location(of: keyNode), path: childPath, "unknown key '\(key)'", hint: hint)
                continue  // reported, but the rest of the mapping can still be decoded and checked
            }
            if !property.required, scalarText(valueNode) == nil, case .scalar = valueNode {
                continue  // `key:` with no value counts as absent for an optional key
            }
            seen.insert(key)
            if let value = walk(valueNode, property.schema, path: childPath) {
                result[Self.camelCase(key)] = value
            } else {
                valid = false
            }
        }
        for property in object.properties where !seen.contains(property.name) {
            if property.required {
                report(.missingKey, at: location, path: path.isEmpty ? property.name : "\(path).\(property.name)",
                       "missing required key '\(property.name)'", hint: "expected \(property.schema.expectation)")
                valid = false
            } else if let defaultValue = property.defaultValue {
                result[Self.camelCase(property.name)] = Self.filledDefault(defaultValue, property.schema)
            }
        }
        return valid ? .object(result) : nil
    }

    /// An empty-object default is filled with the nested properties' own defaults.
    static func filledDefault(_ value: JSONValue, _ schema: Schema) -> JSONValue {
        guard case .object(let given) = value, given.isEmpty, case .object(let object) = schema else { return value }
        var result: [String: JSONValue] = [:]
        for property in object.properties {
            if let nested = property.defaultValue { result[camelCase(property.name)] = filledDefault(nested, property.schema) }
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

    private mutating func mismatch(_ node: Node, _ schema: Schema, path: String, location: SourceLocation) -> JSONValue? {
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

    private mutating func report(_ code: DiagnosticCode, at location: SourceLocation, path: String,
                                 _ message: String, hint: String? = nil) {
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

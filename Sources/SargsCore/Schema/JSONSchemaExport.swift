import Foundation

/// Renders a `Schema` as JSON Schema (draft 2020-12) for editors and external validators.
public enum JSONSchemaExport {
    /// The policy file's JSON Schema as pretty-printed JSON text.
    public static func policySchemaJSON() -> String {
        var root = document(for: PolicySchema.root)
        if case .object(var fields) = root {
            fields["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
            fields["$id"] = .string("https://sargs.dev/schema/policy-v1.json")
            fields["title"] = .string("Sargs policy")
            root = .object(fields)
        }
        return JSONText.pretty(root)
    }

    static func document(for schema: Schema) -> JSONValue {
        switch schema {
        case .object(let object):
            var properties: [String: JSONValue] = [:]
            for property in object.properties {
                var document = self.document(for: property.schema)
                if let value = property.defaultValue, case .object(var fields) = document {
                    fields["default"] = SchemaWalker.filledDefault(value, property.schema)
                    document = .object(fields)
                }
                properties[property.name] = document
            }
            return .object([
                "type": .string("object"),
                "description": .string(object.description),
                "properties": .object(properties),
                "required": .array(object.properties.filter(\.required).map { .string($0.name) }),
                "additionalProperties": .bool(false),
            ])
        case .array(let element, let minItems):
            var fields: [String: JSONValue] = ["type": .string("array"), "items": document(for: element)]
            if minItems > 0 { fields["minItems"] = .integer(minItems) }
            return .object(fields)
        case .string(let format, let description):
            var fields: [String: JSONValue] = [
                "type": .string("string"), "description": .string(description), "minLength": .integer(1),
            ]
            if case .enumeration(let values) = format { fields["enum"] = .array(values.map { .string($0) }) }
            if let pattern = format.jsonSchemaPattern { fields["pattern"] = .string(pattern) }
            return .object(fields)
        case .integer(let minimum, let maximum, let description):
            var fields: [String: JSONValue] = ["type": .string("integer"), "description": .string(description)]
            if let minimum { fields["minimum"] = .integer(minimum) }
            if let maximum { fields["maximum"] = .integer(maximum) }
            return .object(fields)
        case .boolean(let description):
            return .object(["type": .string("boolean"), "description": .string(description)])
        case .localizedText(let description):
            return .object([
                "description": .string(description + " A text, or a map from language code to text."),
                "oneOf": .array([
                    .object(["type": .string("string"), "minLength": .integer(1)]),
                    .object([
                        "type": .string("object"),
                        "propertyNames": .object(["pattern": .string("^[a-z]{2}$")]),
                        "additionalProperties": .object(["type": .string("string"), "minLength": .integer(1)]),
                    ]),
                ]),
            ])
        }
    }
}

/// Stable JSON text output.
public enum JSONText {
    /// Pretty-printed with sorted keys, so output is reproducible.
    public static func pretty<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

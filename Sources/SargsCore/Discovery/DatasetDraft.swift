import Foundation

/// A first fideslang dataset file for a database the scan inspected: every table as a collection,
/// every column as a field, the personal ones with the category the scan suggests (to be checked by
/// a person: the file says so), the e-mail and phone columns of people's tables as identities.
public enum DatasetDraft {
    /// One table and its columns, in the database's order.
    public struct Table: Sendable {
        public var name: String
        public var columns: [String]

        public init(name: String, columns: [String]) {
            self.name = name
            self.columns = columns
        }
    }

    public static func yaml(fidesKey: String, tables: [Table], findings: [ColumnFinding]) -> String {
        var text = """
            # A draft written by `sargs datasets scan`: check every data_categories entry before use.
            # The categories are the scan's suggestions from column names and sampled value shapes.
            dataset:
              - fides_key: \(quoted(fidesKey))
                name: \(quoted(fidesKey))
                collections:

            """
        for table in tables {
            text += "      - name: \(quoted(table.name))\n        fields:\n"
            for column in table.columns {
                text += "          - name: \(quoted(column))\n"
                guard let finding = findings.first(where: { $0.table == table.name && $0.column == column }) else {
                    continue
                }
                text += "            data_categories: [\(finding.category)]\n"
                let identity = ["user.contact.email": "email", "user.contact.phone_number": "phone_number"][
                    finding.category]
                if let identity, finding.confidence == .high {
                    text += "            fides_meta:\n              identity: \(identity)\n"
                }
            }
        }
        return text
    }

    /// A YAML scalar: plain when it is a simple identifier, else double-quoted.
    static func quoted(_ text: String) -> String {
        let plain =
            !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            && text.first?.isLetter == true
        return plain
            ? text
            : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
    }
}

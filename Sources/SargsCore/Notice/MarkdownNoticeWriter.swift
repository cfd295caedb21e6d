import Foundation

/// Writes a notice as CommonMark with GitHub-style tables.
public enum MarkdownNoticeWriter {
    public static func write(_ document: NoticeDocument) -> String {
        var text = "# \(escape(document.title))\n\n_\(escape(document.subtitle))_\n\n"
        for section in document.sections {
            text += "## \(escape(section.heading))\n\n"
            for block in section.blocks { text += write(block, level: 3) }
        }
        return text
    }

    static func write(_ block: Block, level: Int) -> String {
        switch block {
        case .paragraph(let paragraph):
            return "\(escape(paragraph))\n\n"
        case .callout(let heading, let paragraph):
            return "> **\(escape(heading))**\n>\n> \(escape(paragraph))\n\n"
        case .list(let items):
            return items.map { "- \(escape($0))\n" }.joined() + "\n"
        case .fields(let fields):
            return fields.map { "- **\(escape($0.label)):** \(escape($0.value))\n" }.joined() + "\n"
        case .table(let headers, let rows):
            var table = "| " + headers.map(cell).joined(separator: " | ") + " |\n"
            table += "|" + headers.map { _ in " --- |" }.joined() + "\n"
            for row in rows { table += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
            return table + "\n"
        case .subsection(let heading, let blocks):
            return "\(String(repeating: "#", count: min(level, 6))) \(escape(heading))\n\n"
                + blocks.map { write($0, level: level + 1) }.joined()
        }
    }

    /// Escapes the characters that would otherwise start Markdown syntax inside running text.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    static func cell(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\n", with: " ")
    }
}

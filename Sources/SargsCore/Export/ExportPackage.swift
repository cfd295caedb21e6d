import Foundation

/// Builds the ZIP package answering an access (Art. 15) or portability (Art. 20) request:
/// `data.json` (machine-readable, everything in scope), `categories/<category>.csv` (one file per
/// category), `summary.html` (readable, in the subject's language), and for access also the
/// notice in force (`notice.html`), consent receipts (`receipts/<id>.json`, Kantara v1.1) and the
/// disclosure log (`disclosures.csv`).
public struct ExportPackage: Sendable {
    let policy: Policy
    let notice: NoticeBuilder

    public init(policy: Policy, language: String) throws(NoticeStrings.LoadError) {
        self.policy = policy
        self.notice = try NoticeBuilder(policy: policy, language: language)
    }

    /// The files of the package, in archive order.
    public func entries(_ export: SubjectExport, scope: ExportScope, generatedAt: Date) throws -> [ZipArchive.Entry] {
        let content = scoped(export, scope)
        var entries = [
            ZipArchive.Entry(path: "data.json", contents: try dataJSON(content, scope: scope, generatedAt: generatedAt))
        ]
        let byCategory = Dictionary(grouping: content.items, by: \.category)
        for category in byCategory.keys.sorted() {
            entries.append(ZipArchive.Entry(path: "categories/\(category).csv", text: csv(byCategory[category]!)))
        }
        for system in content.systems {
            for collection in system.collections {
                entries.append(
                    ZipArchive.Entry(
                        path: "systems/\(system.system)/\(collection.name).csv", text: system.csv(collection)))
            }
        }
        entries.append(
            ZipArchive.Entry(path: "summary.html", text: summaryHTML(content, scope: scope, generatedAt: generatedAt)))
        guard scope == .access else { return entries }
        entries.append(ZipArchive.Entry(path: "notice.html", text: HTMLNoticeWriter.write(notice.build())))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for consent in content.consents {
            let receipt = try ConsentReceipt(record: consent, policy: policy, language: notice.language)
            entries.append(
                ZipArchive.Entry(
                    path: "receipts/\(consent.id.uuidString.lowercased()).json",
                    contents: Array(try encoder.encode(receipt))))
        }
        entries.append(ZipArchive.Entry(path: "disclosures.csv", text: disclosuresCSV(content.disclosures)))
        return entries
    }

    /// The machine-readable document alone (`data.json`), e.g. to transmit it to another controller (Art. 20(2)).
    public func document(_ export: SubjectExport, scope: ExportScope, generatedAt: Date) throws -> [UInt8] {
        try dataJSON(scoped(export, scope), scope: scope, generatedAt: generatedAt)
    }

    /// The export limited to what the scope covers (portability: Art. 20(1) categories only).
    func scoped(_ export: SubjectExport, _ scope: ExportScope) -> SubjectExport {
        guard scope == .portability else { return export }
        var content = export
        let portable = ExportScope.portableCategories(of: policy)
        content.items = export.items.filter { portable.contains($0.category) }
        content.systems = export.systems.map { $0.limited(to: portable) }.filter { !$0.collections.isEmpty }
        return content
    }

    /// The ZIP bytes of the package.
    public func archive(_ export: SubjectExport, scope: ExportScope, generatedAt: Date) throws -> [UInt8] {
        try ZipArchive.write(try entries(export, scope: scope, generatedAt: generatedAt), modified: generatedAt)
    }

    // MARK: - data.json

    struct DataDocument: Encodable {
        var format = "sargs-export/1"
        var scope: ExportScope
        var generatedAt: Date
        var controller: [String]
        var policyVersion: String
        var subject: SubjectInfo
        var data: [SubjectExport.Item]
        var consents: [ConsentRecord]?
        var relationships: [Relationship]?
        var objections: [Objection]?
        var restrictions: [Restriction]?
        var disclosures: [Disclosure]?
        var systems: [SystemExport]?
        var unreachableSystems: [String]?
    }

    struct SubjectInfo: Encodable {
        var id: String
        var country: String
        var language: String
    }

    func dataJSON(_ export: SubjectExport, scope: ExportScope, generatedAt: Date) throws -> [UInt8] {
        let access = scope == .access
        let document = DataDocument(
            scope: scope, generatedAt: generatedAt, controller: policy.controllers.map(\.legalName),
            policyVersion: policy.policy.version,
            subject: SubjectInfo(
                id: export.subjectID.uuidString.lowercased(), country: export.country, language: export.language),
            data: export.items.sorted { ($0.category, $0.collectedAt) < ($1.category, $1.collectedAt) },
            consents: access ? export.consents : nil, relationships: access ? export.relationships : nil,
            objections: access ? export.objections : nil, restrictions: access ? export.restrictions : nil,
            disclosures: access ? export.disclosures : nil, systems: export.systems.isEmpty ? nil : export.systems,
            unreachableSystems: export.unreachableSystems.isEmpty ? nil : export.unreachableSystems)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.iso8601(date))
        }
        return Array(try encoder.encode(document))
    }

    // MARK: - CSV (RFC 4180)

    func csv(_ items: [SubjectExport.Item]) -> String {
        var text = "category,value,source,collected_for,collected_at,updated_at\r\n"
        text.reserveCapacity(items.count * 96)
        for item in items {
            text +=
                Self.csvField(item.category) + "," + Self.csvField(item.value) + "," + Self.csvField(item.source) + ","
                + Self.csvField(item.collectedFor) + "," + Self.timestamp(item.collectedAt) + ","
                + Self.timestamp(item.updatedAt) + "\r\n"
        }
        return text
    }

    func disclosuresCSV(_ disclosures: [Disclosure]) -> String {
        var lines = ["recipient,recipient_name,purpose,categories,disclosed_at"]
        for disclosure in disclosures.sorted(by: { $0.at < $1.at }) {
            let name = policy.recipients.first { $0.id == disclosure.recipient }.map { notice.localized($0.name) } ?? ""
            lines.append(
                [
                    disclosure.recipient, name, disclosure.purpose, disclosure.categories.joined(separator: " "),
                    Self.timestamp(disclosure.at),
                ].map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A field quoted when it holds a comma, quote or line break, quotes doubled (on UTF-8 bytes: all are ASCII).
    static func csvField(_ value: String) -> String {
        let utf8 = value.utf8
        guard utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(utf8.count + 8)
        for byte in utf8 {
            bytes.append(byte)
            if byte == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String { Timestamp.iso8601(date) }

    // MARK: - summary.html

    func summaryHTML(_ export: SubjectExport, scope: ExportScope, generatedAt: Date) -> String {
        let strings = notice.strings
        let escape = HTMLNoticeWriter.escape
        let title = strings.text(scope == .access ? "request.type.access" : "request.type.portability")
        var html = "<!DOCTYPE html>\n<html lang=\"\(notice.language)\">\n<head>\n<meta charset=\"utf-8\">\n"
        html +=
            """
            <title>\(escape(notice.capitalized(title)))</title>
            <style>\(HTMLNoticeWriter.stylesheet)</style>
            </head>
            <body>
            <main>

            """
        html += "<h1>\(escape(notice.capitalized(title)))</h1>\n"
        html +=
            """
            <p>\(escape(policy.controllers.map(\.legalName).joined(separator: ", "))) \
            · \(escape(strings.date(DecisionEngine.civilDate(generatedAt))))</p>\n
            """
        let byCategory = Dictionary(grouping: export.items, by: \.category)
        html += "<table>\n<thead><tr><th scope=\"col\">\(escape(strings.text("table.category")))</th>"
        html += "<th scope=\"col\">\(escape(strings.text("table.value")))</th>"
        html += "<th scope=\"col\">\(escape(strings.text("table.purpose")))</th></tr></thead>\n<tbody>\n"
        for category in byCategory.keys.sorted() {
            for item in byCategory[category]! {
                let purpose = policy.purpose(item.collectedFor).map { notice.localized($0.label) } ?? item.collectedFor
                html +=
                    "<tr><th scope=\"row\">\(escape(notice.categoryLabel(category)))</th><td>\(escape(item.value))</td>"
                html += "<td>\(escape(purpose))</td></tr>\n"
            }
        }
        html += "</tbody>\n</table>\n"
        html += systemsHTML(export)
        if scope == .access {
            let consents = ConsentLedger.current(
                export.consents.map {
                    ConsentEvent(purpose: $0.purpose, channel: $0.channel, state: $0.state, at: $0.at)
                })
            if !consents.isEmpty {
                html += "<h2>\(escape(strings.text("table.consents")))</h2>\n<ul>\n"
                for entry in consents {
                    let purpose = policy.purpose(entry.purpose).map { notice.localized($0.label) } ?? entry.purpose
                    html += "<li>\(escape(purpose)): \(escape(strings.text("consent.state.\(entry.state.rawValue)"))) "
                    html += "(\(escape(strings.date(DecisionEngine.civilDate(entry.since)))))</li>\n"
                }
                html += "</ul>\n"
            }
            if !export.disclosures.isEmpty {
                html += "<h2>\(escape(strings.text("section.recipients")))</h2>\n<ul>\n"
                for disclosure in export.disclosures.sorted(by: { $0.at < $1.at }) {
                    let name =
                        policy.recipients.first { $0.id == disclosure.recipient }.map { notice.localized($0.name) }
                        ?? disclosure.recipient
                    html +=
                        "<li>\(escape(name)) (\(escape(strings.date(DecisionEngine.civilDate(disclosure.at)))))</li>\n"
                }
                html += "</ul>\n"
            }
            html += "<p>\(escape(strings.text("export.notice")))</p>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// What the company's own systems hold: per system and collection, the rows in a table with the
    /// declared fields as columns; and which systems could not be read.
    func systemsHTML(_ export: SubjectExport) -> String {
        guard !export.systems.isEmpty || !export.unreachableSystems.isEmpty else { return "" }
        let strings = notice.strings
        let escape = HTMLNoticeWriter.escape
        var html = "<h2>\(escape(strings.text("export.systems")))</h2>\n"
        for system in export.systems {
            for collection in system.collections {
                html +=
                    "<h3>\(escape(system.name ?? system.system)): \(escape(collection.name))</h3>\n<table>\n<thead><tr>"
                for field in collection.fields {
                    let label = field.categories.first.map { notice.categoryLabel($0) } ?? field.name
                    html += "<th scope=\"col\">\(escape(label))</th>"
                }
                html += "</tr></thead>\n<tbody>\n"
                for row in collection.rows {
                    html +=
                        "<tr>"
                        + collection.fields.map { "<td>\(escape(row[$0.name]?.description ?? ""))</td>" }
                        .joined() + "</tr>\n"
                }
                html += "</tbody>\n</table>\n"
            }
        }
        if !export.unreachableSystems.isEmpty {
            html += "<p>\(escape(strings.text("export.systems.unreachable"))) "
            html += "\(escape(export.unreachableSystems.joined(separator: ", ")))</p>\n"
        }
        return html
    }
}

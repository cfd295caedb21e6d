/// The record of processing activities of GDPR Article 30(1)(a)-(g), one row per purpose,
/// plus the legal basis (not an Art. 30 field, but what every reviewer asks for next).
public struct RecordOfProcessing: Sendable, Hashable {
    public var title: String
    public var controllerHeader: String
    public var controller: String
    public var footer: String
    public var headers: [String]
    public var rows: [[String]]

    /// Builds the record in `language`, reusing the notice's wording for bases, periods and labels.
    public init(policy: Policy, language: String) throws(NoticeStrings.LoadError) {
        let notice = try NoticeBuilder(policy: policy, language: language)
        let strings = notice.strings
        title = strings.text("ropa.title")
        controllerHeader = strings.text("ropa.controller")
        controller = Self.controllerSummary(policy, notice)
        footer = strings.text("ropa.generated", ["version": policy.policy.version, "date": policy.policy.effective])
        headers = [
            "ropa.purpose", "ropa.basis", "ropa.subjects", "ropa.categories", "ropa.recipients",
            "ropa.transfers", "ropa.retention", "ropa.security",
        ].map { strings.text($0) }
        let security = policy.securityMeasures.map(notice.localized).joined(separator: "; ")
        rows = policy.purposes.map { purpose in
            let recipients = notice.index.recipients(for: purpose.id)
            let transfers = recipients.compactMap { recipient -> String? in
                let outside = recipient.countries.filter { !notice.profile.freeTransferCountries.contains($0) }
                guard !outside.isEmpty else { return nil }
                var text = "\(notice.localized(recipient.name)) → \(notice.countryList(outside))"
                if let transfer = recipient.transfer {
                    text += ": \(strings.text("safeguard.\(transfer.safeguard.rawValue)"))"
                    if let reference = transfer.reference { text += " (\(reference))" }
                }
                return text
            }
            var basis = notice.legalBasis(purpose.legalBasis)
            if let condition = purpose.specialCategoryCondition { basis += "; " + notice.specialCondition(condition) }
            return [
                "\(notice.localized(purpose.label)) [\(purpose.id), \(purpose.use)]",
                basis,
                notice.labelList(purpose.dataSubjects.map(notice.subjectLabel)),
                notice.labelList(purpose.categories.map(notice.categoryLabel)),
                recipients.map { "\(notice.localized($0.name)) (\(strings.text("role.\($0.role.rawValue)")))" }.joined(
                    separator: "; "),
                transfers.joined(separator: "; "),
                notice.index.retentionRules[purpose.retention].map(notice.retention) ?? "",
                security,
            ]
        }
    }

    static func controllerSummary(_ policy: Policy, _ notice: NoticeBuilder) -> String {
        var parts = policy.controllers.map { controller in
            [
                controller.legalName, controller.registrationNumber, controller.address, controller.email,
                controller.phone,
            ]
            .compactMap { $0 }.joined(separator: ", ")
        }
        if let representative = policy.representative {
            parts.append(
                notice.strings.text("representative.heading") + ": "
                    + notice.contactFields(representative).map(\.value).joined(separator: ", "))
        }
        if let dpo = policy.dpo {
            parts.append(
                notice.strings.text("dpo.heading") + ": "
                    + notice.contactFields(dpo).map(\.value).joined(separator: ", "))
        }
        return parts.joined(separator: " | ")
    }
}

/// Output formats of the record of processing.
public enum RecordWriter {
    /// RFC 4180 CSV with a header row; the controller is repeated on every row so each row stands alone.
    public static func csv(_ record: RecordOfProcessing) -> String {
        let header = [record.controllerHeader] + record.headers
        var lines = [header.map(csvField).joined(separator: ",")]
        for row in record.rows { lines.append(([record.controller] + row).map(csvField).joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public static func markdown(_ record: RecordOfProcessing) -> String {
        let document = NoticeDocument(
            language: "", title: record.title, subtitle: record.footer,
            sections: [
                .init(
                    id: "record", heading: record.controller,
                    blocks: [.table(headers: record.headers, rows: record.rows)])
            ])
        return MarkdownNoticeWriter.write(document)
    }

    public static func html(_ record: RecordOfProcessing, language: String) -> String {
        let document = NoticeDocument(
            language: language, title: record.title, subtitle: record.footer,
            sections: [
                .init(
                    id: "record", heading: record.controller,
                    blocks: [.table(headers: record.headers, rows: record.rows)])
            ])
        return HTMLNoticeWriter.write(document)
    }

    /// One RFC 4180 field: quoted when it holds a comma, a quote or a line break.
    public static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

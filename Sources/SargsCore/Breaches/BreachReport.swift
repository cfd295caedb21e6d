import Foundation

/// What a notification of a personal-data breach to the supervisory authority must contain
/// (GDPR Art. 33(3)): the nature of the breach with the categories and approximate numbers of
/// subjects and records, the contact point, the likely consequences and the measures; and when it
/// was notified, with the reasons for any delay (Art. 33(1)). The same record is the Art. 33(5)
/// documentation of every breach, notified or not.
public struct BreachReport: Sendable, Codable, Hashable {
    public var reference: String
    public var controller: String
    /// DPO or other contact point (Art. 33(3)(b)).
    public var contact: String
    public var discoveredAt: Date
    /// When notification is due; nil where the law sets no duty.
    public var authorityDeadline: Date?
    public var notifiedAt: Date?
    public var delayReasons: String?
    public var nature: String
    /// Category keys.
    public var categories: [String]
    public var approximateSubjects: Int
    public var approximateRecords: Int
    public var consequences: String
    public var measures: String
    /// When the data subjects were told (Art. 34), if they were.
    public var subjectsInformedAt: Date?

    public init(
        reference: String, controller: String, contact: String, discoveredAt: Date, authorityDeadline: Date?,
        notifiedAt: Date?,
        delayReasons: String?, nature: String, categories: [String], approximateSubjects: Int, approximateRecords: Int,
        consequences: String, measures: String, subjectsInformedAt: Date?
    ) {
        self.reference = reference
        self.controller = controller
        self.contact = contact
        self.discoveredAt = discoveredAt
        self.authorityDeadline = authorityDeadline
        self.notifiedAt = notifiedAt
        self.delayReasons = delayReasons
        self.nature = nature
        self.categories = categories
        self.approximateSubjects = approximateSubjects
        self.approximateRecords = approximateRecords
        self.consequences = consequences
        self.measures = measures
        self.subjectsInformedAt = subjectsInformedAt
    }

    enum CodingKeys: String, CodingKey {
        case reference, controller, contact, discoveredAt = "discovered_at", authorityDeadline = "authority_deadline",
            notifiedAt = "notified_at", delayReasons = "delay_reasons", nature, categories,
            approximateSubjects = "approximate_subjects", approximateRecords = "approximate_records", consequences,
            measures,
            subjectsInformedAt = "subjects_informed_at"
    }

    /// The controller and contact point the policy names (Art. 33(3)(b)).
    public static func parties(of policy: Policy) -> (controller: String, contact: String) {
        let controller = policy.controllers.map { "\($0.legalName), \($0.address)" }.joined(separator: "; ")
        let contact = [policy.dpo?.email, policy.dpo?.phone].compactMap { $0 }.joined(separator: ", ")
        return (controller, contact.isEmpty ? policy.controllers.first?.email ?? "" : contact)
    }
}

/// Writes a breach report as a standalone HTML page in the policy's language (for the authority).
public struct BreachReportWriter: Sendable {
    let notice: NoticeBuilder

    public init(policy: Policy, language: String) throws(NoticeStrings.LoadError) {
        notice = try NoticeBuilder(policy: policy, language: language)
    }

    public func html(_ report: BreachReport) -> String {
        let strings = notice.strings
        func time(_ date: Date?) -> String { date.map { Timestamp.iso8601($0) } ?? "—" }
        let rows: [(String, String)] = [
            ("reference", report.reference), ("controller", report.controller), ("contact", report.contact),
            ("discovered", time(report.discoveredAt)), ("deadline", time(report.authorityDeadline)),
            ("notified", time(report.notifiedAt)),
            ("delay", report.delayReasons ?? "—"), ("nature", report.nature),
            ("categories", report.categories.map(notice.categoryLabel).joined(separator: ", ")),
            ("subjects", String(report.approximateSubjects)), ("records", String(report.approximateRecords)),
            ("consequences", report.consequences), ("measures", report.measures),
            ("subjects_informed", time(report.subjectsInformedAt)),
        ]
        let title = HTMLNoticeWriter.escape(strings.text("breach.report.title"))
        let body = rows.map { key, value in
            """
            <tr><th scope="row">\(HTMLNoticeWriter.escape(strings.text("breach.report.\(key)")))\
            </th><td>\(HTMLNoticeWriter.escape(value))</td></tr>
            """
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="\(strings.language)"><head><meta charset="utf-8"><title>\(title)</title>
            <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#111}\
            th{text-align:left;vertical-align:top;padding:.4rem 1rem .4rem 0;width:16rem}\
            td{padding:.4rem 0;white-space:pre-wrap}</style>
            </head><body><h1>\(title)</h1>
            <table>
            \(body)
            </table></body></html>

            """
    }
}

extension RequestMessages {
    /// Art. 34(2): the communication of a high-risk breach to a data subject, in plain language,
    /// with the nature of the breach, the contact point, the likely consequences and the measures.
    public func breach(nature: String, consequences: String, measures: String, reference: String) -> RequestMessage {
        let contact = BreachReport.parties(of: notice.policy).contact
        return message(
            "message.breach.subject",
            [
                strings.text(
                    "message.breach.body",
                    [
                        "nature": nature, "consequences": consequences, "measures": measures,
                        "contact": contact,
                    ])
            ], reference: reference)
    }
}

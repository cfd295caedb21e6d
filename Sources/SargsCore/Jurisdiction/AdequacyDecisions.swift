/// The European Commission's adequacy decisions (GDPR Art. 45, and those kept from Directive
/// 95/46/EC by Art. 45(9)), as dated data: privacy-reference.md §9, to be checked against EUR-Lex
/// before each release. A change is one edit here.
public enum AdequacyDecisions {
    /// One decision: its reference, the day it took effect, until when (if limited), and any scope limit.
    public struct Decision: Sendable, Hashable {
        public var reference: String
        public var from: CivilDate
        public var until: CivilDate?
        /// A limit on whom the decision covers, in plain words; nil when it covers the whole country.
        public var scope: String?
        /// The decision covers only organisations certified under the EU-US Data Privacy Framework:
        /// a recipient counts as adequately protected only when the policy declares
        /// `transfer.dpf_certified: true` (decision (EU) 2023/1795, Art. 1; privacy-reference.md §9, H).
        public var requiresDPFCertification: Bool = false

        public func isInForce(on day: CivilDate) -> Bool { from <= day && until.map { day <= $0 } ?? true }
    }

    /// Decisions by ISO 3166-1 alpha-2 code.
    public static let byCountry: [String: Decision] = [
        "CH": .init(reference: "2000/518/EC", from: date(2000, 7, 26), until: nil, scope: nil),
        "CA": .init(
            reference: "2002/2/EC", from: date(2001, 12, 20), until: nil,
            scope: "recipients subject to PIPEDA (commercial organisations)"),
        "AR": .init(reference: "2003/490/EC", from: date(2003, 6, 30), until: nil, scope: nil),
        "GG": .init(reference: "2003/821/EC", from: date(2003, 11, 21), until: nil, scope: nil),
        "IM": .init(reference: "2004/411/EC", from: date(2004, 4, 28), until: nil, scope: nil),
        "JE": .init(reference: "2008/393/EC", from: date(2008, 5, 8), until: nil, scope: nil),
        "FO": .init(reference: "2010/146/EU", from: date(2010, 3, 5), until: nil, scope: nil),
        "AD": .init(reference: "2010/625/EU", from: date(2010, 10, 19), until: nil, scope: nil),
        "IL": .init(reference: "2011/61/EU", from: date(2011, 1, 31), until: nil, scope: "automated processing"),
        "UY": .init(reference: "2012/484/EU", from: date(2012, 8, 21), until: nil, scope: nil),
        "NZ": .init(reference: "2013/65/EU", from: date(2012, 12, 19), until: nil, scope: nil),
        "JP": .init(
            reference: "(EU) 2019/419", from: date(2019, 1, 23), until: nil,
            scope: "private sector under the APPI and the Supplementary Rules"),
        "KR": .init(
            reference: "(EU) 2022/254", from: date(2021, 12, 17), until: nil,
            scope: "excludes credit data of FSC-supervised entities, religious organisations and political parties"),
        "GB": .init(
            reference: "(EU) 2021/1772, renewed 19 December 2025", from: date(2021, 6, 28), until: date(2031, 12, 27),
            scope: nil),
        "US": .init(
            reference: "(EU) 2023/1795 (EU-US Data Privacy Framework)", from: date(2023, 7, 10), until: nil,
            scope: "only organisations certified under the EU-US Data Privacy Framework", requiresDPFCertification: true
        ),
        "BR": .init(reference: "(EU) 2026/179", from: date(2026, 1, 26), until: nil, scope: nil),
    ]

    /// The decision for `country` in force on `day`, if any.
    public static func decision(for country: String, on day: CivilDate) -> Decision? {
        byCountry[country].flatMap { $0.isInForce(on: day) ? $0 : nil }
    }

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day)!
    }
}

import Foundation

/// A privacy policy as code: everything the notice, the record of processing and
/// (in later layers) the running system derive from. Loaded from `sargs.yaml`.
public struct Policy: Sendable, Hashable, Codable {
    /// File format version; currently always 1.
    public var sargs: Int
    public var policy: PolicyInfo
    /// One controller, or several joint controllers (GDPR Art. 26).
    public var controllers: [Controller]
    public var dpo: ContactPoint?
    /// EU representative of a controller established outside the Union (GDPR Art. 27).
    public var representative: ContactPoint?
    public var jurisdiction: JurisdictionSettings
    /// Overrides the supervisory authority the jurisdiction profile names.
    public var supervisoryAuthority: Authority?
    /// The languages the notice is published in.
    public var languages: [String]
    /// The language whose text prevails when versions differ.
    public var authoritativeLanguage: String
    public var dataSubjects: [DataSubjectDeclaration]
    public var dataCategories: [DataCategoryDeclaration]
    public var purposes: [Purpose]
    public var retentionRules: [RetentionRule]
    public var recipients: [Recipient]
    public var cookies: CookiePolicy?
    public var rules: HouseRules
    /// General description of technical and organisational measures (GDPR Art. 30(1)(g), 32(1)).
    public var securityMeasures: [LocalizedText]
    /// The company's look on the pages Sargs serves.
    public var branding: Branding? = nil
    /// The company's own databases, described by fideslang dataset files (issue 25).
    public var datasets: [DatasetReference]? = nil
    /// The company's systems Sargs cannot query: processors over OpenDSR and manual tasks (issue 25).
    public var systems: [CompanySystem]? = nil

    public func purpose(_ id: String) -> Purpose? { purposes.first { $0.id == id } }
    public func retentionRule(_ id: String) -> RetentionRule? { retentionRules.first { $0.id == id } }
    public func category(_ key: String) -> DataCategoryDeclaration? { dataCategories.first { $0.key == key } }
    public func recipients(for purposeID: String) -> [Recipient] {
        recipients.filter { $0.purposes.contains(purposeID) }
    }
}

/// Identity of this version of the policy.
public struct PolicyInfo: Sendable, Hashable, Codable {
    /// The controller's own version label, e.g. `2024-05` or `3.1`.
    public var version: String
    /// The date this version takes effect, `YYYY-MM-DD`.
    public var effective: String
    public var title: LocalizedText?
    /// Where the notice is published.
    public var url: String?
}

/// A controller (Art. 4(7)); several make them joint controllers.
public struct Controller: Sendable, Hashable, Codable {
    public var id: String
    public var legalName: String
    public var registrationNumber: String?
    public var address: String
    /// ISO 3166-1 alpha-2 country of establishment.
    public var country: String
    public var email: String
    public var phone: String?
    public var website: String?
    /// The essence of the joint-controller arrangement (Art. 26(2)).
    public var jointArrangement: LocalizedText?
}

/// A contact point: the DPO (Art. 37–39) or the EU representative (Art. 27).
public struct ContactPoint: Sendable, Hashable, Codable {
    public var name: LocalizedText?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var country: String?
}

/// A supervisory authority (GDPR Art. 51) or its national equivalent.
public struct Authority: Sendable, Hashable, Codable {
    public var name: LocalizedText
    public var address: String
    public var website: String
    public var email: String?
    public var phone: String?
}

/// The company's name, logo and colour on the privacy center, the notice and the console.
/// A company database the policy governs: its fideslang dataset file, relative to the policy file,
/// and the environment variable that holds its connection URL (never the URL itself, so no
/// credential is ever written into the policy).
public struct DatasetReference: Sendable, Hashable, Codable {
    public var file: String
    public var connection: String
    /// Where the database can mark a person's rows as restricted (Art. 18): a boolean column set
    /// to true on a restriction request. Without it, a restriction records why it was not marked.
    public var restriction: RestrictionMarker? = nil

    /// A column that marks processing as restricted, in one collection of the dataset.
    public struct RestrictionMarker: Sendable, Hashable, Codable {
        /// The collection (table) holding the column.
        public var collection: String
        /// The column set to true while processing is restricted.
        public var field: String
    }

    /// Whether `text` names an environment variable: upper-case letters, digits and `_`, a letter first.
    public static func isEnvironmentName(_ text: String) -> Bool {
        text.first?.isLetter == true && text.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" }
    }

    /// The dataset file's path: as written when absolute, else beside the policy file `policyFile`.
    public func path(besidePolicy policyFile: String) -> String {
        Self.resolve(file, besidePolicy: policyFile)
    }

    /// A file the policy names (a dataset, a certificate): as written when absolute, else beside `policyFile`.
    public static func resolve(_ file: String, besidePolicy policyFile: String) -> String {
        file.hasPrefix("/")
            ? file : URL(fileURLWithPath: policyFile).deletingLastPathComponent().appendingPathComponent(file).path
    }
}

public struct Branding: Sendable, Hashable, Codable {
    /// Shown at the top of every page instead of the controllers' legal names.
    public var name: String?
    /// A file beside the policy file (SVG or PNG), served by Sargs itself (the pages load nothing from elsewhere).
    public var logo: String?
    /// `#RRGGBB` for links and buttons.
    public var colour: String?
}

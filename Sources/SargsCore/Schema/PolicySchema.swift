/// The structure of `sargs.yaml`, format version 1.
public enum PolicySchema {
    /// The root of the policy file.
    public static let root: Schema = .object(
        ObjectSchema(
            "A Sargs privacy policy (format version 1).",
            [
                .required("sargs", .integer(minimum: 1, maximum: 1, description: "File format version; always 1.")),
                .required("policy", policyInfo),
                .required("controllers", .array(controller, minItems: 1)),
                .optional("dpo", contactPoint("The data protection officer (GDPR Art. 37-39).")),
                .optional("representative", contactPoint("The EU representative (GDPR Art. 27).")),
                .required("jurisdiction", jurisdiction),
                .optional("supervisory_authority", authority),
                .required("languages", .array(.string(.languageCode, description: "A notice language."), minItems: 1)),
                .required("authoritative_language", .string(.languageCode, description: "The language that prevails.")),
                .optional("data_subjects", .array(dataSubject), default: .array([])),
                .required("data_categories", .array(dataCategory, minItems: 1)),
                .required("purposes", .array(purpose, minItems: 1)),
                .required("retention_rules", .array(retentionRule, minItems: 1)),
                .optional("recipients", .array(recipient), default: .array([])),
                .optional("cookies", cookies),
                .optional("rules", rules, default: .object([:])),
                .optional(
                    "security_measures", .array(.localizedText(description: "A technical or organisational measure.")),
                    default: .array([])),
                .optional("branding", branding),
                .optional("datasets", .array(datasetReference)),
                .optional("systems", .array(companySystem)),
            ]))

    static let companySystem: Schema = .object(
        ObjectSchema(
            "A company system Sargs cannot query: a processor over OpenDSR, or a manual task for its owner.",
            [
                .required("id", .string(.identifier, description: "The system's name in requests and the console.")),
                .optional("recipient", .string(.identifier, description: "The recipient this system is, if any.")),
                .optional(
                    "requests",
                    .array(.oneOf(RequestType.self, "A request type that reaches the system."), minItems: 1)),
                .optional(
                    "opendsr",
                    .object(
                        ObjectSchema(
                            "A processor speaking OpenDSR 2.0.",
                            [
                                .required(
                                    "url", .string(.url, description: "The versioned base URL, e.g. https://…/v2.")),
                                .required(
                                    "domain",
                                    .string(
                                        .text,
                                        description: "The domain the processor signs as; its certificate names it.")
                                ),
                                .required(
                                    "certificate",
                                    .string(.text, description: "The processor's certificate (PEM), beside the policy.")
                                ),
                                .optional(
                                    "credentials",
                                    .string(
                                        .text,
                                        description: "An environment variable holding the Authorization header.")),
                                .optional(
                                    "identities",
                                    .array(
                                        .string(
                                            .enumeration(["email", "controller_customer_id"]),
                                            description: "An OpenDSR identity type to send."), minItems: 1)),
                            ]))),
                .optional(
                    "manual",
                    .object(
                        ObjectSchema(
                            "A system with no API: its owner confirms through a signed link.",
                            [
                                .required("owner", .string(.email, description: "The owner's e-mail address.")),
                                .required(
                                    "days",
                                    .integer(minimum: 1, maximum: 90, description: "Days the owner has to confirm.")),
                            ]))),
            ]))

    static let datasetReference: Schema = .object(
        ObjectSchema(
            "A company database: its fideslang dataset file and the environment variable with its URL.",
            [
                .required(
                    "file", .string(.text, description: "A fideslang dataset file, relative to the policy file.")),
                .required(
                    "connection",
                    .string(
                        .text,
                        description:
                            """
                            The environment variable holding the database \
                            URL (postgres://… or sqlite:///…), e.g. SHOP_DATABASE_URL.
                            """
                    )),
                .optional(
                    "restriction",
                    .object(
                        ObjectSchema(
                            "A boolean column that marks a person's rows as restricted (Art. 18).",
                            [
                                .required("collection", .string(.text, description: "The collection holding it.")),
                                .required("field", .string(.text, description: "The column set to true.")),
                            ]))),
            ]))

    static let branding: Schema = .object(
        ObjectSchema(
            "How the privacy center, the notice and the console look: the company's name, logo and colour.",
            [
                .optional(
                    "name",
                    .string(
                        .text,
                        description: "The name shown at the top of every page (default: the controllers' legal names).")
                ),
                .optional(
                    "logo",
                    .string(
                        .text,
                        description: "An SVG or PNG file beside the policy file, at most 200 KB, shown beside the name."
                    )),
                .optional(
                    "colour",
                    .string(.colour, description: "Links and buttons, #RRGGBB; dark enough for white text on it.")),
            ]))

    static let policyInfo: Schema = .object(
        ObjectSchema(
            "This version of the policy.",
            [
                .required("version", .string(.text, description: "The controller's version label.")),
                .required("effective", .string(.date, description: "Date this version takes effect.")),
                .optional("title", .localizedText(description: "Title of the notice.")),
                .optional("url", .string(.url, description: "Where the notice is published.")),
            ]))

    static let controller: Schema = .object(
        ObjectSchema(
            "A controller; several make joint controllers.",
            [
                .required("id", .string(.identifier, description: "Identifier used within the policy.")),
                .required("legal_name", .string(.text, description: "Registered legal name.")),
                .optional("registration_number", .string(.text, description: "Company register number.")),
                .required("address", .string(.text, description: "Registered address.")),
                .required("country", .string(.countryCode, description: "Country of establishment.")),
                .required("email", .string(.email, description: "Contact e-mail address.")),
                .optional("phone", .string(.text, description: "Contact telephone number.")),
                .optional("website", .string(.url, description: "Website.")),
                .optional(
                    "joint_arrangement",
                    .localizedText(description: "Essence of the joint-controller arrangement (Art. 26(2)).")),
            ]))

    static func contactPoint(_ description: String) -> Schema {
        .object(
            ObjectSchema(
                description,
                [
                    .optional("name", .localizedText(description: "Name or function.")),
                    .optional("email", .string(.email, description: "E-mail address.")),
                    .optional("phone", .string(.text, description: "Telephone number.")),
                    .optional("address", .string(.text, description: "Postal address.")),
                    .optional("country", .string(.countryCode, description: "Country.")),
                ]))
    }

    static let jurisdiction: Schema = .object(
        ObjectSchema(
            "The legal regime and its overrides.",
            [
                .required(
                    "profile", .oneOf(JurisdictionSettings.ProfileKind.self, "eu-gdpr, ua (Ukraine) or by (Belarus).")),
                .optional("member_state", .string(.countryCode, description: "EU member state for eu-gdpr.")),
                .optional("response_deadline", .string(.duration, description: "Overrides the response deadline.")),
                .optional(
                    "maximum_extension",
                    .string(.duration, description: "Overrides the maximum extension; P0D allows none.")),
                .optional(
                    "child_consent_age",
                    .integer(minimum: 13, maximum: 18, description: "Overrides the age of digital consent (Art. 8).")),
                .optional("rights", .array(.oneOf(Right.self, "A right."))),
                .optional("free_transfer_countries", .array(.string(.countryCode, description: "A country."))),
                .optional(
                    "breach_notice_hours",
                    .integer(
                        minimum: 0, maximum: 720,
                        description:
                            """
                            Overrides the hours to notify the authority of \
                            a breach (72 under GDPR Art. 33(1)); 0 for none.
                            """
                    )),
                .optional(
                    "time_zone",
                    .string(
                        .text,
                        description:
                            """
                            The controller's IANA time zone, e.g. Europe/Riga; \
                            request days are counted in it. Default the country's.
                            """
                    )),
            ]))

    static let authority: Schema = .object(
        ObjectSchema(
            "The supervisory authority.",
            [
                .required("name", .localizedText(description: "Name of the authority.")),
                .required("address", .string(.text, description: "Postal address.")),
                .required("website", .string(.url, description: "Website.")),
                .optional("email", .string(.email, description: "E-mail address.")),
                .optional("phone", .string(.text, description: "Telephone number.")),
            ]))

    static let dataSubject: Schema = .object(
        ObjectSchema(
            "A category of data subjects.",
            [
                .required("key", .string(.identifier, description: "fideslang data subject key or a custom key.")),
                .optional("label", .localizedText(description: "Label; required for custom keys.")),
            ]))

    static let dataCategory: Schema = .object(
        ObjectSchema(
            "A category of personal data.",
            [
                .required(
                    "key",
                    .string(.identifier, description: "fideslang data category key, or a custom key beneath one.")),
                .optional("label", .localizedText(description: "Label; required for custom keys.")),
                .optional(
                    "special", .boolean(description: "Special category under Art. 9(1); defaults from the taxonomy.")),
                .optional(
                    "provided_by_subject", .boolean(description: "Provided by the subject (portability)."),
                    default: .bool(true)),
            ]))

    static let purpose: Schema = .object(
        ObjectSchema(
            "A purpose of processing.",
            [
                .required("id", .string(.identifier, description: "Identifier of the purpose.")),
                .required(
                    "use", .string(.identifier, description: "fideslang data use, e.g. marketing.communications.email.")
                ),
                .required("label", .localizedText(description: "Short name.")),
                .required("description", .localizedText(description: "What is done and why.")),
                .required("legal_basis", .oneOf(LegalBasis.self, "GDPR Art. 6(1) basis.")),
                .optional(
                    "special_category_condition", .oneOf(SpecialCategoryCondition.self, "GDPR Art. 9(2) condition.")),
                .optional(
                    "legitimate_interest",
                    .localizedText(description: "The legitimate interest, for legitimate_interests.")),
                .optional(
                    "data_subjects", .array(.string(.identifier, description: "A declared data subject key.")),
                    default: .array([])),
                .required(
                    "categories",
                    .array(.string(.identifier, description: "A declared data category key."), minItems: 1)),
                .optional("channels", .array(.oneOf(ContactChannel.self, "A contact channel.")), default: .array([])),
                .optional(
                    "requirement",
                    .object(
                        ObjectSchema(
                            "Whether providing the data is required (Art. 13(2)(e)).",
                            [
                                .required("kind", .oneOf(Requirement.Kind.self, "Kind of requirement.")),
                                .optional(
                                    "consequence", .localizedText(description: "Consequence of not providing the data.")
                                ),
                            ]))),
                .optional(
                    "automated_decision",
                    .object(
                        ObjectSchema(
                            "Automated decision-making or profiling.",
                            [
                                .optional(
                                    "profiling", .boolean(description: "Whether profiling takes place."),
                                    default: .bool(false)),
                                .optional(
                                    "solely_automated",
                                    .boolean(description: "Solely automated with legal or similar effect (Art. 22)."),
                                    default: .bool(false)),
                                .required(
                                    "logic",
                                    .localizedText(description: "Meaningful information about the logic involved.")),
                                .required(
                                    "effect", .localizedText(description: "Significance and envisaged consequences.")),
                            ]))),
                .optional(
                    "source",
                    .object(
                        ObjectSchema(
                            "Source of the data (Art. 14(2)(f)).",
                            [
                                .required("kind", .oneOf(DataSource.Kind.self, "Kind of source.")),
                                .optional("description", .localizedText(description: "The source in plain words.")),
                            ]))),
                .required("retention", .string(.identifier, description: "Identifier of a retention rule.")),
                .optional(
                    "legal_claims",
                    .boolean(description: "Establishes, exercises or defends legal claims (Art. 17(3)(e), 18(2))."),
                    default: .bool(false)),
            ]))

    static let retentionRule: Schema = .object(
        ObjectSchema(
            "A retention rule.",
            [
                .required("id", .string(.identifier, description: "Identifier of the rule.")),
                .required("kind", .oneOf(RetentionRule.Kind.self, "What ends the retention.")),
                .optional("period", .string(.duration, description: "ISO 8601 duration.")),
                .optional("law", .localizedText(description: "The law imposing the period (legal_obligation).")),
                .optional(
                    "counted_from", .oneOf(RetentionRule.Trigger.self, "For legal_obligation: the start of the period.")
                ),
                .optional(
                    "action", .oneOf(RetentionRule.Action.self, "What happens at the end."),
                    default: .string("delete")),
                .optional(
                    "keep", .array(.oneOf(AnonymousFact.self, "A non-identifying fact kept after anonymisation."))),
                .optional("note", .localizedText(description: "Extra explanation for the notice.")),
            ]))

    static let recipient: Schema = .object(
        ObjectSchema(
            "A recipient or category of recipients.",
            [
                .required("id", .string(.identifier, description: "Identifier of the recipient.")),
                .required("name", .localizedText(description: "Name or category description.")),
                .required("role", .oneOf(Recipient.Role.self, "Role of the recipient.")),
                .required("purposes", .array(.string(.identifier, description: "A purpose id."), minItems: 1)),
                .required("categories", .array(.string(.identifier, description: "A data category key."), minItems: 1)),
                .required("countries", .array(.string(.countryCode, description: "A country."), minItems: 1)),
                .optional(
                    "transfer",
                    .object(
                        ObjectSchema(
                            "Transfer safeguard (GDPR Chapter V; UA Law 2297-VI Art. 29; BY Law 99-Z Art. 9).",
                            [
                                .required("safeguard", .oneOf(Transfer.Safeguard.self, "The safeguard.")),
                                .optional("reference", .string(.text, description: "Decision or instrument.")),
                                .optional("copy_available_at", .string(.text, description: "Where to obtain a copy.")),
                                .optional(
                                    "consent_purpose",
                                    .string(
                                        .identifier,
                                        description:
                                            """
                                            For explicit_consent or written_consent: the consent \
                                            purpose whose consent permits the transfer (Art. 49(1)(a)).
                                            """
                                    )),
                                .optional(
                                    "dpf_certified",
                                    .boolean(
                                        description:
                                            """
                                            For adequacy_decision to the US: the recipient is certified \
                                            under the EU-US Data Privacy Framework (decision (EU) 2023/1795).
                                            """
                                    )),
                            ]))),
            ]))

    static let cookies: Schema = .object(
        ObjectSchema(
            "Cookies and browser privacy signals.",
            [
                .optional(
                    "do_not_track",
                    .oneOf(
                        CookiePolicy.SignalTreatment.self,
                        """
                        Treatment of Do Not Track; leave it out when the policy takes no stance (nothing is said of it).
                        """
                    )),
                .optional(
                    "choice_retention",
                    .string(
                        .duration,
                        description:
                            """
                            How long a visitor's recorded banner choice is kept \
                            as proof (default P13M); retention deletes older ones.
                            """
                    )),
                .required(
                    "global_privacy_control", .oneOf(CookiePolicy.SignalTreatment.self, "Treatment of Sec-GPC: 1.")),
                .required(
                    "categories",
                    .array(
                        .object(
                            ObjectSchema(
                                "A cookie category.",
                                [
                                    .required("kind", .oneOf(CookieCategory.Kind.self, "Cookie category.")),
                                    .optional("description", .localizedText(description: "What these cookies do.")),
                                    .optional(
                                        "purpose",
                                        .string(.identifier, description: "Purpose whose consent governs them.")),
                                    .required(
                                        "cookies",
                                        .array(
                                            .object(
                                                ObjectSchema(
                                                    "A cookie.",
                                                    [
                                                        .required("name", .string(.text, description: "Cookie name.")),
                                                        .required(
                                                            "provider", .string(.text, description: "Who sets it.")),
                                                        .required(
                                                            "duration",
                                                            .string(.durationOrSession, description: "Lifetime.")),
                                                        .required(
                                                            "purpose", .localizedText(description: "What it is for.")),
                                                    ])))),
                                ])))),
            ]))

    static let rules: Schema = .object(
        ObjectSchema(
            "The controller's own rules.",
            [
                .optional("minimum_age", .integer(minimum: 0, maximum: 100, description: "Minimum age of users.")),
                .optional(
                    "change_notice_days",
                    .integer(minimum: 0, maximum: 365, description: "Days of notice before changes.")),
                .optional(
                    "closure_days",
                    .array(.string(.date, description: "A day off besides the statutory ones, YYYY-MM-DD."))),
                .optional(
                    "consent_renewal_days",
                    .integer(
                        minimum: 1, maximum: 90,
                        description:
                            """
                            Days before a consent expires that the subject \
                            is asked to renew it (no reminders when absent).
                            """
                    )),
                .optional(
                    "transfers",
                    .object(
                        ObjectSchema(
                            "Changes to the law's list of adequately protected destinations.",
                            [
                                .optional(
                                    "adequate_countries_add",
                                    .array(
                                        .string(
                                            .countryCode,
                                            description: "A country treated as adequate although Sargs' list lacks it.")
                                    ), default: .array([])),
                                .optional(
                                    "adequate_countries_remove",
                                    .array(
                                        .string(
                                            .countryCode,
                                            description:
                                                "A country not treated as adequate although Sargs' list has it.")),
                                    default: .array([])),
                            ]))),
                .optional(
                    "requests",
                    .object(
                        ObjectSchema(
                            "How requests are made and answered.",
                            [
                                .optional(
                                    "channels",
                                    .array(
                                        .object(
                                            ObjectSchema(
                                                "A request channel.",
                                                [
                                                    .required(
                                                        "kind", .oneOf(RequestChannel.Kind.self, "Kind of channel.")),
                                                    .required(
                                                        "address",
                                                        .string(.text, description: "Address, e-mail, URL or number.")),
                                                    .optional(
                                                        "signature",
                                                        .oneOf(
                                                            RequestRules.SignatureRequirement.self,
                                                            """
                                                            Signature a request sent this way must \
                                                            carry (e-mail: overrides email_signature).
                                                            """
                                                        )),
                                                    .optional(
                                                        "signature_exempt",
                                                        .array(
                                                            .oneOf(
                                                                RequestType.self,
                                                                "A request type that needs no signature.")),
                                                        default: .array([])),
                                                ]))), default: .array([])),
                                .optional(
                                    "email_signature",
                                    .oneOf(RequestRules.SignatureRequirement.self, "Signature on e-mailed requests."),
                                    default: .string("none")),
                                .optional(
                                    "representative_proof",
                                    .boolean(description: "Representatives must prove authority."), default: .bool(true)
                                ),
                                .optional(
                                    "invalid_request_notice_business_days",
                                    .integer(
                                        minimum: 1, maximum: 30,
                                        description: "Business days to reject an invalid request.")),
                                .optional(
                                    "answer_language", .oneOf(RequestRules.AnswerLanguage.self, "Language of answers."),
                                    default: .string("request")),
                                .optional("fees", .localizedText(description: "Fees, if any.")),
                                .optional(
                                    "pause_while_unverified",
                                    .boolean(description: "The answer clock stops while identity is unverified."),
                                    default: .bool(false)),
                            ])), default: .object([:])),
            ]))
}

import Foundation

/// A column of a company database as the discovery scan saw it: its name and type, and a bounded
/// sample of its values, held in memory only (never printed, never stored).
public struct ColumnEvidence: Sendable {
    public var table: String
    public var column: String
    public var type: String
    public var samples: [String]

    public init(table: String, column: String, type: String, samples: [String]) {
        self.table = table
        self.column = column
        self.type = type
        self.samples = samples
    }
}

/// Why a column looks personal: the fideslang category it would hold, how sure the scan is, and
/// the reason in words (never a value).
public struct ColumnFinding: Sendable, Hashable, Codable {
    public enum Confidence: String, Sendable, Codable, Comparable {
        case low, medium, high

        var rank: Int { self == .high ? 3 : self == .medium ? 2 : 1 }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    public var table: String
    public var column: String
    public var category: String
    public var confidence: Confidence
    public var reason: String
}

/// Decides whether a column looks personal from its name and from the shape of its sampled
/// values: e-mail addresses, phone numbers, names, postal addresses, dates of birth, national
/// identity numbers (the Baltic personal codes among them), IP addresses, account numbers, and free
/// text that holds such values. A value is only matched against patterns, never kept.
public enum PersonalColumnClassifier {
    /// Column-name signals: the lower-cased name split into words (`customer_email` → customer, email).
    static let nameSignals: [(words: Set<String>, category: String, label: String)] = [
        (["email", "mail", "e_mail", "epasts"], "user.contact.email", "an e-mail address"),
        (["phone", "telephone", "tel", "mobile", "msisdn", "talrunis"], "user.contact.phone_number", "a phone number"),
        (["first", "firstname", "given", "vards"], "user.name.first", "a first name"),
        (["last", "lastname", "surname", "family", "uzvards"], "user.name.last", "a last name"),
        (["name", "fullname", "customer_name"], "user.name", "a name"),
        (["address", "street", "addr", "adrese"], "user.contact.address.street", "a postal address"),
        (["city", "town"], "user.contact.address.city", "a city"),
        (["postcode", "postal", "zip", "zipcode"], "user.contact.address.postal_code", "a postal code"),
        (
            ["birth", "born", "dob", "birthday", "birthdate", "dzimis", "gimimo"], "user.demographic.date_of_birth",
            "a date of birth"
        ),
        (
            ["personal_code", "personas_kods", "ssn", "national", "isikukood", "asmens"],
            "user.government_id.national_identification_number", "a national identity number"
        ),
        (["passport"], "user.government_id.passport_number", "a passport number"),
        (["ip", "ip_address", "ipaddress"], "user.device.ip_address", "an IP address"),
        (["iban", "account_number"], "user.financial.bank_account", "a bank account"),
        (["card", "pan"], "user.financial.credit_card", "a payment card number"),
    ]

    /// Value patterns, each with the category it suggests and a cheap test a value must pass before
    /// the expression is tried (most values of most columns fail it at the first byte).
    static let valuePatternSources:
        [(pattern: String, category: String, label: String, quick: @Sendable (String) -> Bool)] = [
            (
                #"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"#, "user.contact.email", "e-mail addresses",
                { $0.utf8.contains(UInt8(ascii: "@")) }
            ),
            (
                #"^(\+|00)[0-9][0-9 ()-]{6,18}[0-9]$"#, "user.contact.phone_number", "international phone numbers",
                { $0.utf8.first == UInt8(ascii: "+") || $0.hasPrefix("00") }
            ),
            (
                #"^[0-3][0-9][01][0-9]{3}-[0-9]{5}$"#, "user.government_id.national_identification_number",
                "Latvian personal codes", { $0.utf8.count == 12 }
            ),
            (
                #"^3[2-9][0-9]{4}-[0-9]{5}$"#, "user.government_id.national_identification_number",
                "Latvian personal codes", { $0.utf8.count == 12 }
            ),
            (
                #"^[1-6][0-9]{10}$"#, "user.government_id.national_identification_number",
                "Lithuanian or Estonian personal codes", { $0.utf8.count == 11 }
            ),
            (
                #"^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$"#,
                "user.device.ip_address",
                "IPv4 addresses", { $0.utf8.count <= 15 && $0.utf8.contains(UInt8(ascii: ".")) }
            ),
            (
                #"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$"#, "user.financial.bank_account", "IBANs",
                { $0.utf8.count >= 15 && $0.utf8.first.map { $0 >= 65 && $0 <= 90 } == true }
            ),
        ]

    /// The patterns compiled (a pattern that does not compile is left out; a test checks none is).
    static let valuePatterns:
        [(regex: NSRegularExpression, category: String, label: String, quick: @Sendable (String) -> Bool)] =
            valuePatternSources.compactMap { source in
                (try? NSRegularExpression(pattern: source.pattern)).map {
                    ($0, source.category, source.label, source.quick)
                }
            }

    /// The share of `values` that `matches`, or nil as soon as more than a fifth miss (a shape needs
    /// 80% of the sample), so a column that plainly holds something else costs only a few values.
    static func share(of values: [String], _ matches: (String) -> Bool) -> Double? {
        let allowed = values.count / 5
        var misses = 0
        for value in values where !matches(value) {
            misses += 1
            if misses > allowed { return nil }
        }
        return Double(values.count - misses) / Double(values.count)
    }

    static func matches(_ regex: NSRegularExpression, _ value: String) -> Bool {
        regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    /// A phone number as a column named for one may hold it: digits with spaces, dashes or brackets.
    static let localPhone = try? NSRegularExpression(pattern: #"^\+?[0-9][0-9 ()-]{5,18}[0-9]$"#)

    /// Free text that holds an e-mail address or an international phone number somewhere inside.
    static let embedded = try? NSRegularExpression(pattern: #"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}|\+[0-9]{7,15}"#)

    /// Tables whose rows are people, where a bare `name` column is a person's name.
    static let peopleTables: Set<String> = [
        "customer", "customers", "user", "users", "member", "members", "client", "clients", "person", "people",
        "contact", "contacts", "employee", "employees", "guest", "guests", "passenger", "passengers", "traveller",
        "travellers", "subscriber", "subscribers", "patient", "patients", "account", "accounts",
    ]

    /// The finding for one column, or nil when nothing about it looks personal.
    public static func classify(_ column: ColumnEvidence) -> ColumnFinding? {
        let words = Set(
            column.column.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        )
        .union([column.column.lowercased()])
        let tableWords = Set(column.table.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        let byName = nameSignals.first { signal in
            guard !signal.words.isDisjoint(with: words) else { return false }
            // `products.name` is not a person's name; `customers.name` is.
            return signal.category != "user.name" || !tableWords.isDisjoint(with: peopleTables)
        }
        let values = column.samples.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        // Numbers are not matched against value shapes: an order number is not a phone number.
        let numeric = ["int", "serial", "numeric", "decimal", "real", "double", "float"].contains {
            column.type.lowercased().contains($0)
        }
        var byValue: (category: String, label: String, share: Double)?
        if !values.isEmpty, !numeric {
            for pattern in valuePatterns {
                guard let share = share(of: values, { pattern.quick($0) && matches(pattern.regex, $0) }) else {
                    continue
                }
                if share > (byValue?.share ?? 0) { byValue = (pattern.category, pattern.label, share) }
            }
        }
        func finding(_ category: String, _ confidence: ColumnFinding.Confidence, _ reason: String) -> ColumnFinding {
            ColumnFinding(
                table: column.table, column: column.column, category: category, confidence: confidence, reason: reason)
        }
        let sampled = "\(values.count) sampled value\(values.count == 1 ? "" : "s")"
        switch (byName, byValue) {
        case let (name?, value?) where name.category == value.category:
            return finding(
                name.category, .high,
                "its name suggests \(name.label) and \(percent(value.share)) of \(sampled) are \(value.label)")
        case let (_, value?):
            return finding(value.category, .high, "\(percent(value.share)) of \(sampled) are \(value.label)")
        case let (name?, nil):
            // Categories whose values have a shape can be contradicted by the sample; names and
            // addresses cannot, so their names alone say enough.
            let shaped = valuePatternSources.contains { $0.category == name.category }
            if values.isEmpty {
                return finding(name.category, .medium, "its name suggests \(name.label) (no values to sample)")
            }
            guard shaped else { return finding(name.category, .medium, "its name suggests \(name.label)") }
            if name.category == "user.contact.phone_number", let localPhone {
                if let share = share(of: values, { matches(localPhone, $0) }) {
                    return finding(
                        name.category, .high,
                        """
                        its name suggests \(name.label) and \(percent(share)) \
                        of \(sampled) are numbers of a phone's length
                        """
                    )
                }
            }
            return finding(
                name.category, .low, "its name suggests \(name.label), though its sampled values do not look like it")
        case (nil, nil):
            let textual = column.type.lowercased().contains("text") || column.type.lowercased().contains("char")
            guard textual, !values.isEmpty, let embedded else { return nil }
            let holding = values.count { value in
                let bytes = value.utf8
                return (bytes.contains(UInt8(ascii: "@")) || bytes.contains(UInt8(ascii: "+")))
                    && matches(embedded, value)
            }
            guard holding > 0 else { return nil }
            return finding(
                "user", holding * 10 >= values.count ? .medium : .low,
                "free text: \(holding) of \(sampled) hold an e-mail address or a phone number")
        }
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}

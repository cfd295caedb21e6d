/// The body of `POST /v1/subjects`, with Anna as the usual subject.
struct NewSubject: Encodable, Sendable {
    var country = "LV"
    var language = "lv"
    var source = "web"
    /// The purpose the data is collected for.
    var collectedFor = "services"
    /// Category key to value.
    var data: [String: String]
    var externalRef: String?

    enum CodingKeys: String, CodingKey {
        case country, language, source, collectedFor = "collected_for", data, externalRef = "external_ref"
    }

    /// Anna Bērziņa, a Latvian customer, with her e-mail address, phone number, name and date of birth
    /// (written as a person would type them; the server normalises the address and number).
    static let anna = NewSubject(data: [
        "user.contact.email": "Anna.Berzina@Example.lv", "user.contact.phone_number": "+371 2612 3456",
        "user.name": "Anna Bērziņa", "user.demographic.date_of_birth": "1990-04-01",
    ])

    /// Anna's address as the server stores it, which requests and look-ups use.
    static let annasEmail = "anna.berzina@example.lv"

    /// A copy with other values and, optionally, another collecting purpose.
    func with(data: [String: String], collectedFor purpose: String? = nil) -> NewSubject {
        var copy = self
        copy.data = data
        if let purpose { copy.collectedFor = purpose }
        return copy
    }
}

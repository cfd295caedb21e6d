import Testing
@testable import SargsCore

@Suite("Jurisdiction profiles")
struct JurisdictionProfileTests {
    @Test(
        "GDPR Art. 8(1): age of digital consent is 13 in LV and EE, 14 in LT, 16 by default",
        arguments: [("LV", 13), ("EE", 13), ("LT", 14), ("DE", 16)])
    func childConsentAge(state: String, age: Int) {
        #expect(JurisdictionProfile.defaults(for: .euGDPR, memberState: state).childConsentAge == age)
    }

    @Test("GDPR Art. 15-22 and 77: the EU profile grants every right, the Ukrainian one has no portability")
    func rights() {
        let eu = JurisdictionProfile.defaults(for: .euGDPR, memberState: "LV")
        #expect(Set(eu.rights) == Set(Right.allCases))
        let ua = JurisdictionProfile.defaults(for: .ukraine, memberState: nil)
        #expect(!ua.rights.contains(.portability))
        #expect(ua.rights.contains(.recipientsInformation))  // Law 2297-VI Art. 8(2)(2)
    }

    @Test("GDPR Art. 45 and the EEA Agreement: data flows freely within the EEA, not to Türkiye")
    func freeTransferArea() {
        let eu = JurisdictionProfile.defaults(for: .euGDPR, memberState: "LV")
        #expect(eu.freeTransferCountries.contains("NO"))
        #expect(eu.freeTransferCountries.contains("LT"))
        #expect(!eu.freeTransferCountries.contains("TR"))
        #expect(!eu.freeTransferCountries.contains("UA"))
    }

    @Test("Policy overrides replace the profile's L-confidence defaults")
    func overrides() {
        var settings = JurisdictionSettings(profile: .belarus)
        settings.responseDeadline = "P10D"
        settings.maximumExtension = "P5D"
        settings.childConsentAge = 14
        settings.freeTransferCountries = ["BY", "RU"]
        let profile = JurisdictionProfile.resolve(settings)
        #expect(profile.responseDeadline == ISODuration(days: 10))
        #expect(profile.maximumExtension == ISODuration(days: 5))
        #expect(profile.childConsentAge == 14)
        #expect(profile.freeTransferCountries == ["BY", "RU"])
        settings.maximumExtension = "P0D"
        #expect(JurisdictionProfile.resolve(settings).maximumExtension == nil)
    }

    @Test("Default supervisory authorities exist for the seed member states")
    func authorities() {
        for state in ["LV", "LT", "EE"] {
            let authority = JurisdictionProfile.defaults(for: .euGDPR, memberState: state).authority
            #expect(authority != nil)
            #expect(authority?.name.missing(in: PolicyValidator.supportedLanguages) == [])
        }
        #expect(JurisdictionProfile.defaults(for: .euGDPR, memberState: "FR").authority == nil)
    }
}

extension JurisdictionSettings {
    init(profile: ProfileKind) {
        self.init(
            profile: profile, memberState: nil, responseDeadline: nil, maximumExtension: nil,
            childConsentAge: nil, rights: nil, freeTransferCountries: nil)
    }
}

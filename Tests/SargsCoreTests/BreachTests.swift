import Foundation
import Testing
@testable import SargsCore

/// The breach clocks and the content of a notification (GDPR Art. 33, 34; Belarus Law 99-Z).
@Suite("Breaches")
struct BreachTests {
    let friday = Date(timeIntervalSince1970: 1_764_928_800)  // 2025-12-05T10:00:00Z, a Friday

    @Test("Art. 33(1): the authority is notified within 72 hours of awareness")
    func gdprSeventyTwoHours() throws {
        let policy = try TestFiles.validPolicy("examples/coral-club.yaml")
        let deadline = try #require(JurisdictionProfile.breachDeadline(for: policy.jurisdiction))
        #expect(deadline == .hours(72))
        #expect(deadline.due(discoveredAt: friday) == friday.addingTimeInterval(72 * 3_600))
    }

    @Test(
        """
        Belarus, Law 99-Z (L): three working days, to the end of the third; \
        Ukraine's Law 2297-VI sets no general duty; the policy overrides both
        """
    )
    func otherRegimes() throws {
        var settings = JurisdictionSettings(profile: .belarus)
        let belarus = try #require(JurisdictionProfile.breachDeadline(for: settings))
        // Friday → Monday, Tuesday, Wednesday: due at the start of Thursday 2025-12-11.
        #expect(belarus.due(discoveredAt: friday) == Date(timeIntervalSince1970: 1_765_411_200))
        #expect(JurisdictionProfile.breachDeadline(for: JurisdictionSettings(profile: .ukraine)) == nil)
        settings.breachNoticeHours = 24
        #expect(JurisdictionProfile.breachDeadline(for: settings) == .hours(24))
        settings.breachNoticeHours = 0
        #expect(JurisdictionProfile.breachDeadline(for: settings) == nil)
    }

    @Test(
        """
        Art. 33(3): the report names the controller, the contact point, the nature, \
        categories, numbers, consequences and measures, escaped, in the policy's language
        """
    )
    func reportContent() throws {
        let policy = try TestFiles.validPolicy("examples/coral-club.yaml")
        let parties = BreachReport.parties(of: policy)
        let report = BreachReport(
            reference: "ab12cd34", controller: parties.controller, contact: parties.contact, discoveredAt: friday,
            authorityDeadline: friday.addingTimeInterval(72 * 3_600), notifiedAt: nil, delayReasons: nil,
            nature: "Laptop <stolen>", categories: ["user.contact.email"], approximateSubjects: 120,
            approximateRecords: 300,
            consequences: "Phishing", measures: "Passwords reset", subjectsInformedAt: nil)
        let html = try BreachReportWriter(policy: policy, language: "lv").html(report)
        #expect(
            html.contains("Pārkāpuma raksturs") && html.contains("Laptop &lt;stolen&gt;")
                && !html.contains("<stolen>"))
        #expect(
            html.contains("Aptuvenais datu subjektu skaits") && html.contains("120") && html.contains(parties.contact))
        #expect(!parties.contact.isEmpty && parties.controller.contains(policy.controllers[0].legalName))
    }

    @Test(
        """
        Art. 34(2): the message to a subject describes the breach, its \
        consequences, the measures and the contact point, in their language
        """
    )
    func subjectMessage() throws {
        let policy = try TestFiles.validPolicy("examples/coral-club.yaml")
        let message = try RequestMessages(policy: policy, language: "en")
            .breach(
                nature: "A laptop was stolen.", consequences: "Phishing e-mails.", measures: "Reset your password.",
                reference: "ab12cd34")
        #expect(message.subject == "A security incident involving your personal data")
        for part in [
            "A laptop was stolen.", "Phishing e-mails.", "Reset your password.",
            BreachReport.parties(of: policy).contact, "ab12cd34",
        ] {
            #expect(message.body.contains(part))
        }
    }
}

import Fluent
import Foundation
import SargsCore
import SargsKit

/// The contexts of the privacy center's templates, built from the policy and the page language.
struct PrivacyCenterPages: Sendable {
    let context: SargsContext
    let prefix: String

    struct Option: Encodable, Sendable {
        var value: String
        var label: String
    }

    struct Home: Encodable, Sendable {
        struct Right: Encodable, Sendable {
            var label: String
            /// One sentence on what the right gives, and what happens next with its deadline.
            var explanation: String
            var next: String
            var href: String
        }

        var page: PageFrame
        var intro, rightsHeading, rightsIntro: String
        /// What happens next, when every right has the same deadline (otherwise each right says it).
        var rightsNext: String
        var rights: [Right]
        var consentsHeading, consentsHref, consentsIntro: String
        var controllerLabel, controllerName, controllerAddress, controllerEmail: String
        var hasDPO: Bool
        var dpoLabel, dpoEmail: String
        var hasAuthority: Bool
        var authorityLabel, authorityName, authorityWebsite: String
        var noticeIntro: String
    }

    /// The request types this jurisdiction grants, in the order the law lists them.
    var grantedTypes: [RequestType] {
        let rules = context.rules
        let rights = rules.requestClock.profile.rights
        return RequestType.allCases.filter { rights.contains($0.right) }
    }

    func home(_ text: PageText, path: String) -> Home {
        let rules = context.rules
        let policy = rules.policy
        let controller = policy.controllers.first
        let authority = JurisdictionProfile.resolve(policy.jurisdiction).authority ?? policy.supervisoryAuthority
        let profile = rules.requestClock.profile
        var rights = grantedTypes.map { type in
            let period = profile.deadline(for: type).words(text.strings)
            return Home.Right(
                label: capitalized(text.strings.text("request.type.\(type.rawValue)")),
                explanation: text.strings.text("page.right.\(type.rawValue)"),
                next: text("center.next", ["period": period]),
                href: "\(prefix)/requests/new?type=\(type.rawValue)&lang=\(text.language)")
        }
        // One deadline for every right: said once, under the list's introduction, not after each right.
        let sharedNext = Set(rights.map(\.next)).count == 1 ? rights.first?.next : nil
        if sharedNext != nil { for index in rights.indices { rights[index].next = "" } }
        return Home(
            page: PageFrame(text, title: text("center.title"), path: path),
            intro: text("center.intro", ["controller": policy.controllers.map(\.legalName).joined(separator: ", ")]),
            rightsHeading: text("center.rights"), rightsIntro: text("center.rights_intro"),
            rightsNext: sharedNext ?? "", rights: rights,
            consentsHeading: text("center.consents"), consentsHref: "\(prefix)/consents?lang=\(text.language)",
            consentsIntro: text("center.consents_intro"),
            controllerLabel: text("center.controller"), controllerName: controller?.legalName ?? "",
            controllerAddress: controller?.address ?? "", controllerEmail: controller?.email ?? "",
            hasDPO: policy.dpo != nil, dpoLabel: text("center.dpo"), dpoEmail: policy.dpo?.email ?? "",
            hasAuthority: authority != nil, authorityLabel: text("center.authority"),
            authorityName: authority.map { $0.name.text(in: text.language, fallback: policy.authoritativeLanguage) }
                ?? "",
            authorityWebsite: authority?.website ?? "", noticeIntro: text("center.notice_intro"))
    }

    struct RequestFormPage: Encodable, Sendable {
        var page: PageFrame
        var action, csrf, type, email: String
        var hasError: Bool
        var error, errorField, errorTitle: String
        var emailLabel, emailHint, submitLabel: String
        var showCorrection: Bool
        var categories: [Option]
        var categoryLabel, newValueLabel: String
        var showPurposes: Bool
        var purposes: [Option]
        var purposesLabel: String
        var showDirectMarketing: Bool
        var directMarketingLabel: String
        var showTransmit: Bool
        var transmitLabel: String
        var showText: Bool
        var textLabel: String
    }

    func requestForm(
        _ text: PageText, type: RequestType, path: String, csrf: String, email: String = "",
        error: (field: String, message: String)? = nil
    ) throws -> RequestFormPage {
        let rules = context.rules
        let policy = rules.policy
        let language = text.language
        let notice = try NoticeBuilder(policy: policy, language: language)
        let categories = policy.dataCategories.filter(\.providedBySubject).map { category in
            Option(value: category.key, label: notice.categoryLabel(category.key))
        }
        let purposes: [PrivacyCenterPages.Option]
        switch type {
        case .withdrawConsent:
            purposes = policy.purposes.filter { $0.legalBasis == .consent }.map {
                Option(value: $0.id, label: text.purpose($0.id))
            }
        case .objection:
            purposes = policy.purposes.filter { $0.legalBasis == .legitimateInterests || $0.legalBasis == .publicTask }
                .map { Option(value: $0.id, label: text.purpose($0.id)) }
        default:
            purposes = []
        }
        return RequestFormPage(
            page: PageFrame(text, title: capitalized(text.strings.text("request.type.\(type.rawValue)")), path: path),
            action: "\(prefix)/requests?lang=\(language)", csrf: csrf, type: type.rawValue, email: email,
            hasError: error != nil, error: error?.message ?? "", errorField: error?.field ?? "",
            errorTitle: text("error.title"),
            emailLabel: text("form.email"), emailHint: text("form.email_hint"), submitLabel: text("form.submit"),
            showCorrection: type == .rectification, categories: categories, categoryLabel: text("form.category"),
            newValueLabel: text("form.new_value"), showPurposes: !purposes.isEmpty, purposes: purposes,
            purposesLabel: text("form.purposes"),
            showDirectMarketing: type == .objection, directMarketingLabel: text("form.direct_marketing"),
            showTransmit: type == .portability, transmitLabel: text("form.transmit_to"),
            showText: type == .objection || type == .automatedDecisionReview || type == .access || type == .erasure
                || type == .restriction,
            textLabel: text("form.text"))
    }

    struct Verify: Encodable, Sendable {
        var page: PageFrame
        var action, csrf, intro, codeLabel, submitLabel: String
        var hasError: Bool
        var error, errorTitle: String
    }

    func verify(_ text: PageText, action: String, path: String, csrf: String, error: String? = nil) -> Verify {
        Verify(
            page: PageFrame(text, title: text("verify.title"), path: path), action: action, csrf: csrf,
            intro: text("verify.intro"),
            codeLabel: text("verify.code"), submitLabel: text("verify.submit"), hasError: error != nil,
            error: error ?? "",
            errorTitle: text("error.title"))
    }

    struct Status: Encodable, Sendable {
        var page: PageFrame
        var typeLabel, typeName, stateLabel, stateName, receivedLabel, receivedOn, dueLabel, dueOn: String
        var hasDownload: Bool
        var downloadLabel, bookmark: String
        var referenceLabel, reference: String
        /// For a request that must be signed and is not yet: how to send the signed request.
        var signatureNeeded: String?
    }

    func status(_ text: PageText, request: RequestModel, path: String, now: Date) throws -> Status {
        // The download link goes only to the verified address (by e-mail): whoever holds this page's
        // link submitted the form, which does not make them the subject.
        let downloadSent = request.outcomeValue?.exportExpiresAt.map { $0 > now } ?? false
        return Status(
            page: PageFrame(text, title: text("status.title"), path: path),
            typeLabel: text("status.type"),
            typeName: capitalized(text.strings.text("request.type.\(request.type.rawValue)")),
            stateLabel: text("status.state"), stateName: text("state.\(request.status.rawValue)"),
            receivedLabel: text("status.received"), receivedOn: text.strings.date(request.receivedOn),
            dueLabel: text("status.due"), dueOn: text.strings.date(request.dueOn),
            hasDownload: downloadSent, downloadLabel: text("status.download_sent"),
            bookmark: text("status.bookmark"), referenceLabel: text("status.reference"),
            reference: RequestReference.of(try request.requireID()),
            signatureNeeded: signatureNeeded(text, request: request))
    }

    /// How to send the signed request the policy requires, while it has not been checked.
    func signatureNeeded(_ text: PageText, request: RequestModel) -> String? {
        let rules = context.rules
        guard let signature = request.signatureRequired, request.status == .received else { return nil }
        let address =
            rules.policy.rules.requests.channels.first { $0.kind == .email }?.address ?? rules.policy.controllers.first?
            .email ?? ""
        return text(
            "status.signature_needed",
            [
                "signature": text.strings.text("signature.kind.\(signature.rawValue)"), "address": address,
                "reference": RequestReference.of((try? request.requireID()) ?? UUID()),
            ])
    }

    func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}

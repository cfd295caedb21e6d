import Foundation

/// A message to a requester, in their language.
public struct RequestMessage: Sendable, Hashable, Codable {
    public var language: String
    public var subject: String
    public var body: String
}

/// What the answer to a completed request tells the requester.
public struct CompletionDetails: Sendable, Hashable {
    /// A signed download link and its last valid moment.
    public struct Download: Sendable, Hashable {
        public var link: String
        public var expires: Date

        public init(link: String, expires: Date) {
            self.link = link
            self.expires = expires
        }
    }

    /// Art. 12(5)(a): a fee for a manifestly unfounded or excessive request, and why.
    public struct Fee: Sendable, Hashable {
        public var amount: String
        public var reason: String

        public init(amount: String, reason: String) {
            self.amount = amount
            self.reason = reason
        }
    }

    /// The package of an access or portability request.
    public var download: Download?
    /// Access: no data about the requester is processed.
    public var noData = false
    /// Information: where the notice is, to link in the answer.
    public var noticeLink: String?
    /// Erasure: what was erased and what is kept, why and until when.
    public var erasure: ErasurePlan?
    /// Objection and withdrawal: the purposes concerned.
    public var purposes: [String] = []
    /// Objection: it covered direct marketing (absolute, Art. 21(3)).
    public var directMarketing = false
    /// Recipients request: the recipients the data was disclosed to.
    public var recipients: [String] = []
    /// Rectification, erasure, restriction: the recipients informed (Art. 19).
    public var recipientsTold: [String] = []
    /// Staff's note to the requester.
    public var note: String?
    public var fee: Fee?

    public init() {}
}

/// Writes the messages of a request's life (GDPR Art. 12: concise, intelligible, in clear and
/// plain language) from the fixed wording catalogues and the policy's own texts.
public struct RequestMessages: Sendable {
    let notice: NoticeBuilder
    var strings: NoticeStrings { notice.strings }

    public init(policy: Policy, language: String) throws(NoticeStrings.LoadError) {
        notice = try NoticeBuilder(policy: policy, language: language)
    }

    /// The language to answer in: the policy's authoritative language when the policy answers in
    /// the state language (`answer_language: state`), else the request's language if it is one of
    /// the six Sargs writes, else the authoritative language.
    public static func language(requested: String, policy: Policy) -> String {
        if policy.rules.requests.answerLanguage == .state { return policy.authoritativeLanguage }
        return PolicyValidator.supportedLanguages.contains(requested) ? requested : policy.authoritativeLanguage
    }

    public var language: String { strings.language }

    /// The one-time code that confirms a consent (Belarus Law 99-Z Art. 5: written consent may be
    /// given by entering a code received by SMS or e-mail).
    public func consentCode(purpose: String, code: String) -> RequestMessage {
        let minutes = Int(VerificationChallenge.lifetime / 60)
        return message(
            "message.consent_code.subject",
            [
                strings.text(
                    "message.consent_code.body",
                    ["purpose": purposeList([purpose]), "code": code, "minutes": "\(minutes)"])
            ],
            reference: nil)
    }

    /// The code that signs the subject in to the privacy center's consent pages.
    public func signInCode(code: String) -> RequestMessage {
        let minutes = Int(VerificationChallenge.lifetime / 60)
        return message(
            "message.sign_in.subject", [strings.text("message.sign_in.body", ["code": code, "minutes": "\(minutes)"])],
            reference: nil)
    }

    /// The code that signs a staff member in to the console.
    public func staffSignInCode(code: String) -> RequestMessage {
        let minutes = Int(VerificationChallenge.lifetime / 60)
        return message(
            "message.staff_sign_in.subject",
            [strings.text("message.staff_sign_in.body", ["code": code, "minutes": "\(minutes)"])],
            reference: nil)
    }

    public func verification(type: RequestType, code: String, reference: String) -> RequestMessage {
        let minutes = Int(VerificationChallenge.lifetime / 60)
        return message(
            "message.verification.subject",
            [
                strings.text(
                    "message.verification.body", ["type": typeName(type), "code": code, "minutes": "\(minutes)"])
            ],
            reference: reference)
    }

    /// - Parameter statusLink: the private page that follows the request (privacy-center requests).
    public func acknowledgement(
        type: RequestType, receivedOn: CivilDate, due: CivilDate, reference: String,
        statusLink: String? = nil
    ) -> RequestMessage {
        var paragraphs = [
            strings.text(
                "message.acknowledgement.body",
                ["type": typeName(type), "received": strings.date(receivedOn), "due": strings.date(due)])
        ]
        if let statusLink {
            paragraphs.append(strings.text("message.acknowledgement.status_link", ["link": statusLink]))
        }
        paragraphs.append(strings.text("message.acknowledgement.not_you", ["contact": requestContact]))
        return message("message.acknowledgement.subject", paragraphs, reference: reference)
    }

    /// Art. 12(3): the extension with its reasons; and, as Coral Travel promises (seed 004 LV l.385)
    /// and Art. 12(4) expects of any answer short of the request, where to complain.
    public func extended(type: RequestType, due: CivilDate, reasons: String, reference: String) -> RequestMessage {
        var paragraphs = [
            strings.text(
                "message.extension.body", ["type": typeName(type), "due": strings.date(due), "reasons": reasons])
        ]
        if let remedies { paragraphs.append(remedies) }
        return message("message.extension.subject", paragraphs, reference: reference)
    }

    /// To the owner of a company system with no API (issue 25): the signed link to the task and the
    /// day to confirm by. Names no one: the identities are behind the link.
    public func systemTask(type: RequestType, system: String, link: String, due: CivilDate) -> RequestMessage {
        var task = message(
            "message.system_task.subject",
            [
                strings.text(
                    "message.system_task.body",
                    [
                        "type": strings.text("console.rtype.\(type.rawValue)"), "system": system, "link": link,
                        "due": strings.date(due),
                    ])
            ], reference: nil)
        task.subject = strings.text("message.system_task.subject", ["system": system])
        return task
    }

    /// To the owner of a company system with no API (issue 25): the people a retention run or a bulk
    /// erasure left with nothing in Sargs, to erase there too (Art. 5(1)(e), 17(1)), behind one
    /// signed link per list, and the day to confirm by. Names no one.
    public func erasureList(system: String, count: Int, link: String, due: CivilDate) -> RequestMessage {
        var list = message(
            "message.erasure_list.subject",
            [
                strings.text(
                    "message.erasure_list.body",
                    ["system": system, "count": String(count), "link": link, "due": strings.date(due)])
            ], reference: nil)
        list.subject = strings.text("message.erasure_list.subject", ["system": system])
        return list
    }

    public func rejected(type: RequestType, reasons: String, reference: String) -> RequestMessage {
        var paragraphs = [strings.text("message.rejected.body", ["type": typeName(type), "reasons": reasons])]
        if let remedies { paragraphs.append(remedies) }
        return message("message.rejected.subject", paragraphs, reference: reference)
    }

    /// Art. 14(1)-(3): data obtained from a third party or a public source — the person is told who
    /// holds it, where it came from, and where the notice explains the rest (purposes, bases,
    /// categories, recipients, periods, rights).
    public func indirectCollection(from source: String, noticeLink: String) -> RequestMessage {
        message(
            "message.art14.subject",
            [
                strings.text(
                    "message.art14.body.\(source)",
                    [
                        "controller": notice.policy.controllers.first?.legalName ?? "",
                        "link": noticeLink, "contact": requestContact,
                    ])
            ],
            reference: nil)
    }

    /// Art. 18(3): the subject is told before a restriction is lifted.
    public func restrictionLift(on date: CivilDate, reason: String, reference: String) -> RequestMessage {
        message(
            "message.restriction_lift.subject",
            [strings.text("message.restriction_lift.body", ["date": strings.date(date), "reason": reason])],
            reference: reference)
    }

    /// A consent reaches its rule's maximum period on `date`: the subject may renew it
    /// (EDPB Guidelines 05/2020 §110-111), writing to the controller's first request address.
    public func consentRenewal(purpose: String, expiresOn date: CivilDate) -> RequestMessage {
        let contact = requestContact
        return message(
            "message.consent_renewal.subject",
            [
                strings.text(
                    "message.consent_renewal.body",
                    [
                        "purpose": purposeList([purpose]), "date": strings.date(date),
                        "contact": contact,
                    ])
            ], reference: nil)
    }

    public func completed(type: RequestType, details: CompletionDetails, reference: String) -> RequestMessage {
        var paragraphs: [String] = []
        switch type {
        case .information:
            // General information about processing is owed whether or not anything about the person is held.
            if details.noData { paragraphs.append(strings.text("message.completed.access.none")) }
            paragraphs.append(
                strings.text(
                    "message.completed.information", ["link": details.noticeLink ?? "", "contact": requestContact]))
            if !details.purposes.isEmpty {
                paragraphs.append(
                    strings.text("message.completed.information.purposes", ["purposes": purposeList(details.purposes)]))
            }
        case _ where details.noData:
            paragraphs.append(strings.text("message.completed.access.none"))
        case .access, .portability:
            paragraphs.append(strings.text("message.completed.\(type.rawValue)"))
        case .erasure:
            paragraphs += erasureParagraphs(details.erasure)
        case .objection:
            if details.directMarketing { paragraphs.append(strings.text("message.completed.objection.marketing")) }
            // Marketing purposes are already covered by the sentence above.
            let others = details.purposes.filter {
                !(details.directMarketing && notice.policy.purpose($0)?.isDirectMarketing == true)
            }
            if !others.isEmpty {
                paragraphs.append(strings.text("message.completed.objection", ["purposes": purposeList(others)]))
            }
        case .withdrawConsent:
            paragraphs.append(
                strings.text("message.completed.withdraw_consent", ["purposes": purposeList(details.purposes)]))
        case .recipients:
            if details.recipients.isEmpty {
                paragraphs.append(strings.text("message.completed.recipients.none"))
            } else {
                paragraphs.append(
                    strings.text("message.completed.recipients") + "\n"
                        + details.recipients.map { "- " + recipientName($0) }.joined(separator: "\n"))
            }
        case .rectification, .restriction, .automatedDecisionReview:
            paragraphs.append(strings.text("message.completed.\(type.rawValue)"))
        }
        if let download = details.download {
            paragraphs.append(
                strings.text(
                    "message.download",
                    [
                        "link": download.link,
                        "expires": strings.date(DecisionEngine.civilDate(download.expires)),
                    ]))
        }
        if !details.recipientsTold.isEmpty {
            paragraphs.append(
                strings.text(
                    "message.recipients.told",
                    ["recipients": details.recipientsTold.map(recipientName).joined(separator: ", ")]))
        }
        if let fee = details.fee {
            paragraphs.append(strings.text("message.fee", ["fee": fee.amount, "reason": fee.reason]))
        }
        if let note = details.note, !note.isEmpty { paragraphs.append(strings.text("message.note", ["note": note])) }
        return message("message.completed.subject", paragraphs, reference: reference)
    }

    // MARK: - Parts

    func erasureParagraphs(_ plan: ErasurePlan?) -> [String] {
        guard let plan, !plan.keep.isEmpty else { return [strings.text("message.completed.erasure")] }
        let lines = plan.keep.map { kept -> String in
            let grounds = kept.grounds.map(groundText).joined(separator: "; ")
            let until =
                kept.until.map { strings.text("message.until.date", ["date": strings.date($0)]) }
                ?? strings.text("message.until.open")
            return "- "
                + strings.text(
                    "message.kept.line",
                    ["category": notice.categoryLabel(kept.category), "ground": grounds, "until": until])
        }
        return [
            strings.text("message.completed.erasure.partial") + "\n" + lines.joined(separator: "\n"),
            strings.text("message.kept.restricted"),
        ]
    }

    func groundText(_ ground: ErasurePlan.Ground) -> String {
        let law = ground.law.map(notice.localized) ?? ground.reason ?? ""
        let text = strings.text("message.ground.\(ground.kind.rawValue)", ["law": law])
        guard notice.profile.kind == .euGDPR else { return text }
        return "\(text) (\(notice.gdprCitation(ground.kind.article)))"
    }

    /// The controller's first request address, where a person writes about a request.
    var requestContact: String {
        notice.policy.rules.requests.channels.first { $0.kind == .email }?.address ?? notice.policy.controllers.first?
            .email ?? ""
    }

    var remedies: String? {
        guard let authority = notice.policy.supervisoryAuthority ?? notice.profile.authority else { return nil }
        return strings.text(
            "message.remedies", ["authority": notice.localized(authority.name), "website": authority.website])
    }

    func typeName(_ type: RequestType) -> String { strings.text("request.type.\(type.rawValue)") }

    func purposeList(_ ids: [String]) -> String {
        ids.map { id in notice.policy.purpose(id).map { notice.localized($0.label) } ?? id }.joined(separator: ", ")
    }

    func recipientName(_ id: String) -> String {
        notice.policy.recipients.first { $0.id == id }.map { notice.localized($0.name) } ?? id
    }

    func message(_ subjectKey: String, _ paragraphs: [String], reference: String?) -> RequestMessage {
        let controller = notice.policy.controllers.map(\.legalName).joined(separator: ", ")
        let referenceLine = reference.map { [strings.text("message.reference", ["reference": $0])] } ?? []
        let body =
            ([strings.text("message.greeting")] + paragraphs + referenceLine
            + [strings.text("message.signature", ["controller": controller])])
            .joined(separator: "\n\n")
        return RequestMessage(language: language, subject: strings.text(subjectKey), body: body)
    }
}

extension NoticeBuilder {
    /// The rights that apply to this policy: the profile's, less those with nothing to act on.
    var applicableRights: [Right] {
        profile.rights.filter { right in
            switch right {
            case .withdrawConsent:
                return policy.purposes.contains { $0.legalBasis == .consent }
            case .portability:
                return policy.purposes.contains { [.consent, .contract].contains($0.legalBasis) }
            default:
                return true
            }
        }
    }

    func rightsSection() -> NoticeDocument.Section {
        var blocks: [Block] = [.paragraph(strings.text("rights.intro"))]
        // Objection gets its own callout (Art. 21(4)); the complaint right opens the authority section.
        for right in applicableRights where right != .objection && right != .complaint {
            blocks.append(
                .subsection(
                    heading: strings.text("right.\(right.rawValue).title"),
                    blocks: [.paragraph(strings.text("right.\(right.rawValue).text", profile: profileKind))]))
        }
        if applicableRights.contains(.objection) {
            // Art. 21(4): the right to object is brought to attention clearly and separately.
            blocks.append(
                .callout(
                    heading: strings.text("objection.heading"),
                    text: strings.text("right.objection.text", profile: profileKind)))
        }
        return .init(id: "rights", heading: strings.text("section.rights"), blocks: blocks)
    }

    func signatureExemption(_ types: [RequestType]) -> Block {
        .paragraph(
            strings.text(
                "exercise.signature.exempt",
                ["types": types.map { strings.text("request.type.\($0.rawValue)") }.joined(separator: ", ")]))
    }

    func exerciseSection() -> NoticeDocument.Section {
        let rules = policy.rules.requests
        var channels = rules.channels.map { NoticeField(strings.text("request.\($0.kind.rawValue)"), $0.address) }
        if channels.isEmpty, let controller = policy.controllers.first {
            channels = [NoticeField(strings.text("request.email"), controller.email)]
        }
        var blocks: [Block] = [.paragraph(strings.text("exercise.channels")), .fields(channels)]
        let emailChannel = rules.channels.first { $0.kind == .email }
        if rules.emailSignature != .none, emailChannel?.signature == nil {
            blocks.append(.paragraph(strings.text("exercise.signature.\(rules.emailSignature.rawValue)")))
            if let exempt = emailChannel?.signatureExempt, !exempt.isEmpty { blocks.append(signatureExemption(exempt)) }
        }
        for channel in rules.channels {
            guard let signature = channel.signature, signature != .none else { continue }
            blocks.append(
                .paragraph(
                    strings.text(
                        "exercise.signature.channel",
                        [
                            "signature": strings.text("signature.kind.\(signature.rawValue)"),
                            "channel": inline(strings.text("request.\(channel.kind.rawValue)")),
                        ])))
            if !channel.signatureExempt.isEmpty { blocks.append(signatureExemption(channel.signatureExempt)) }
        }
        if rules.representativeProof { blocks.append(.paragraph(strings.text("exercise.representative"))) }
        blocks.append(.paragraph(strings.text("exercise.identity")))
        blocks.append(
            .paragraph(
                strings.text("exercise.deadline", ["period": PeriodWording.duration(profile.responseDeadline, strings)])
            ))
        if let extension_ = profile.maximumExtension {
            blocks.append(
                .paragraph(strings.text("exercise.extension", ["period": PeriodWording.duration(extension_, strings)])))
        }
        if let days = rules.invalidRequestNoticeBusinessDays {
            blocks.append(
                .paragraph(
                    strings.text(
                        "exercise.invalid", ["period": PeriodWording.count(days, unit: "business_day", strings)])))
        }
        switch rules.answerLanguage {
        case .state:
            let stateLanguage =
                Self.stateLanguage(of: policy.controllers.first?.country) ?? policy.authoritativeLanguage
            blocks.append(
                .paragraph(
                    strings.text(
                        "exercise.language.state",
                        ["language": Countries.languageName(stateLanguage, in: language)])))
        case .request:
            blocks.append(.paragraph(strings.text("exercise.language.request")))
        }
        var free = strings.text("exercise.free", profile: profileKind)
        if let fees = rules.fees { free += " " + localized(fees) }
        blocks.append(.paragraph(free))
        return .init(id: "exercise", heading: strings.text("section.exercise"), blocks: blocks)
    }

    /// The official language of the controller's country, where Sargs knows it.
    static func stateLanguage(of country: String?) -> String? {
        switch country {
        case "LV": return "lv"
        case "LT": return "lt"
        case "EE": return "et"
        case "UA": return "uk"
        case "BY": return "ru"
        case "GB", "IE": return "en"
        default: return nil
        }
    }

    func authoritySection() -> NoticeDocument.Section {
        var blocks: [Block] = [.paragraph(strings.text("right.complaint.text", profile: profileKind))]
        if let authority = policy.supervisoryAuthority ?? profile.authority {
            var fields = [
                NoticeField(strings.text("field.name"), localized(authority.name)),
                NoticeField(strings.text("field.address"), authority.address),
                NoticeField(strings.text("field.website"), authority.website),
            ]
            if let email = authority.email { fields.append(NoticeField(strings.text("field.email"), email)) }
            if let phone = authority.phone { fields.append(NoticeField(strings.text("field.phone"), phone)) }
            blocks += [.paragraph(strings.text("complaint.intro")), .fields(fields)]
        }
        return .init(id: "authority", heading: strings.text("section.complaint"), blocks: blocks)
    }

    func cookiesSection() -> NoticeDocument.Section? {
        guard let cookies = policy.cookies else { return nil }
        var blocks: [Block] = [.paragraph(strings.text("cookies.intro"))]
        let headers = ["name", "provider", "duration", "purpose"].map { strings.text("cookies.header.\($0)") }
        for category in cookies.categories {
            var inner: [Block] = []
            if let description = category.description { inner.append(.paragraph(localized(description))) }
            let rows = category.cookies.map { cookie in
                [
                    cookie.name, cookie.provider,
                    cookie.duration == "session"
                        ? strings.text("cookies.session") : (period(cookie.duration) ?? cookie.duration),
                    localized(cookie.purpose),
                ]
            }
            inner.append(.table(headers: headers, rows: rows))
            blocks.append(.subsection(heading: strings.text("cookie.kind.\(category.kind.rawValue)"), blocks: inner))
        }
        if let dnt = cookies.doNotTrack { blocks.append(.paragraph(strings.text("cookies.dnt.\(dnt.rawValue)"))) }
        blocks.append(.paragraph(strings.text("cookies.gpc.\(cookies.globalPrivacyControl.rawValue)")))
        return .init(id: "cookies", heading: strings.text("section.cookies"), blocks: blocks)
    }

    func securitySection() -> NoticeDocument.Section {
        .init(
            id: "security", heading: strings.text("section.security"),
            blocks: [.paragraph(strings.text("security.intro")), .list(policy.securityMeasures.map(localized))])
    }

    func changesSection() -> NoticeDocument.Section {
        var blocks: [Block] = []
        if let days = policy.rules.changeNoticeDays, days > 0 {
            blocks.append(
                .paragraph(strings.text("changes.notice", ["period": PeriodWording.count(days, unit: "day", strings)])))
        } else {
            blocks.append(.paragraph(strings.text("changes.publish")))
        }
        if let url = policy.policy.url { blocks.append(.paragraph(strings.text("changes.published_at", ["url": url]))) }
        if let minimum = policy.rules.minimumAge {
            blocks.append(
                .paragraph(strings.text("age.minimum", ["period": PeriodWording.count(minimum, unit: "year", strings)]))
            )
        }
        if let childAge = profile.childConsentAge, policy.purposes.contains(where: { $0.legalBasis == .consent }),
            (policy.rules.minimumAge ?? 0) < childAge
        {
            blocks.append(
                .paragraph(
                    strings.text("age.consent", ["period": PeriodWording.count(childAge, unit: "year", strings)])))
        }
        let names = policy.languages.map { Countries.languageName($0, in: language) }
        blocks.append(
            .paragraph(
                strings.text(
                    "meta.languages",
                    [
                        "languages": names.joined(separator: ", "),
                        "language": Countries.languageName(policy.authoritativeLanguage, in: language),
                    ])))
        blocks.append(.paragraph(versionLine))
        return .init(id: "changes", heading: strings.text("section.changes"), blocks: blocks)
    }
}

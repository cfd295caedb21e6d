extension NoticeBuilder {
    func controllerSection() -> NoticeDocument.Section {
        var blocks: [Block] = [
            .paragraph(strings.text("intro.law", ["law": strings.text("law.name", profile: profileKind)]))
        ]
        if policy.controllers.count == 1, let controller = policy.controllers.first {
            blocks.append(.paragraph(strings.text("controller.single", ["name": controller.legalName])))
            blocks.append(.fields(controllerFields(controller)))
        } else {
            blocks.append(.paragraph(strings.text("controller.joint")))
            for controller in policy.controllers {
                var fields = controllerFields(controller)
                if let arrangement = controller.jointArrangement {
                    fields.append(NoticeField(strings.text("controller.arrangement"), localized(arrangement)))
                }
                blocks.append(.subsection(heading: controller.legalName, blocks: [.fields(fields)]))
            }
        }
        if let representative = policy.representative {
            blocks.append(
                .subsection(
                    heading: strings.text("representative.heading"), blocks: [.fields(contactFields(representative))]))
        }
        if let dpo = policy.dpo {
            blocks.append(
                .subsection(
                    heading: strings.text("dpo.heading"),
                    blocks: [.paragraph(strings.text("dpo.intro")), .fields(contactFields(dpo))]))
        } else if let email = policy.controllers.first?.email {
            blocks.append(.paragraph(strings.text("dpo.none", ["email": email])))
        }
        return .init(id: "controller", heading: strings.text("section.controller"), blocks: blocks)
    }

    func controllerFields(_ controller: Controller) -> [NoticeField] {
        var fields: [NoticeField] = []
        if let number = controller.registrationNumber {
            fields.append(NoticeField(strings.text("field.registration"), number))
        }
        fields.append(NoticeField(strings.text("field.address"), controller.address))
        fields.append(NoticeField(strings.text("field.email"), controller.email))
        if let phone = controller.phone { fields.append(NoticeField(strings.text("field.phone"), phone)) }
        if let website = controller.website { fields.append(NoticeField(strings.text("field.website"), website)) }
        return fields
    }

    func contactFields(_ contact: ContactPoint) -> [NoticeField] {
        var fields: [NoticeField] = []
        if let name = contact.name { fields.append(NoticeField(strings.text("field.name"), localized(name))) }
        if let address = contact.address { fields.append(NoticeField(strings.text("field.address"), address)) }
        if let email = contact.email { fields.append(NoticeField(strings.text("field.email"), email)) }
        if let phone = contact.phone { fields.append(NoticeField(strings.text("field.phone"), phone)) }
        return fields
    }

    func purposesSection() -> NoticeDocument.Section {
        var blocks: [Block] = [.paragraph(strings.text("purposes.intro"))]
        for purpose in policy.purposes {
            var fields: [NoticeField] = [NoticeField(strings.text("purpose.basis"), legalBasis(purpose.legalBasis))]
            if let interest = purpose.legitimateInterest {
                fields.append(NoticeField(strings.text("purpose.interest"), localized(interest)))
            }
            fields.append(
                NoticeField(strings.text("purpose.categories"), labelList(purpose.categories.map(categoryLabel))))
            if let condition = purpose.specialCategoryCondition {
                let special = purpose.categories.filter(isSpecial).map(categoryLabel)
                fields.append(
                    NoticeField(
                        strings.text("purpose.special"), "\(labelList(special)) — \(specialCondition(condition))"))
            }
            if !purpose.dataSubjects.isEmpty {
                fields.append(
                    NoticeField(strings.text("purpose.subjects"), labelList(purpose.dataSubjects.map(subjectLabel))))
            }
            if !purpose.channels.isEmpty {
                fields.append(
                    NoticeField(
                        strings.text("purpose.channels"),
                        capitalized(
                            purpose.channels.map { strings.text("channel.\($0.rawValue)") }.joined(separator: ", "))))
            }
            if let requirement = purpose.requirement {
                fields.append(
                    NoticeField(
                        strings.text("purpose.requirement"), strings.text("requirement.\(requirement.kind.rawValue)")))
                if let consequence = requirement.consequence {
                    fields.append(NoticeField(strings.text("purpose.consequence"), localized(consequence)))
                }
            }
            if let source = purpose.source {
                var text = strings.text("source.\(source.kind.rawValue)")
                if let description = source.description { text += " " + localized(description) }
                fields.append(NoticeField(strings.text("purpose.source"), text))
            }
            if let rule = index.retentionRules[purpose.retention] {
                fields.append(NoticeField(strings.text("retention.label"), retention(rule)))
            }
            let recipients = index.recipients(for: purpose.id).map { localized($0.name) }
            fields.append(
                NoticeField(
                    strings.text("purpose.recipients"),
                    recipients.isEmpty ? capitalized(strings.text("purpose.none")) : recipients.joined(separator: "; "))
            )
            var blocks2: [Block] = [.paragraph(localized(purpose.description)), .fields(fields)]
            if let decision = purpose.automatedDecision {
                blocks2.append(
                    .subsection(heading: strings.text("purpose.automated"), blocks: automatedBlocks(decision)))
            }
            if purpose.legalBasis == .consent { blocks2.append(.paragraph(strings.text("purpose.withdraw"))) }
            blocks.append(.subsection(heading: localized(purpose.label), blocks: blocks2))
        }
        return .init(id: "purposes", heading: strings.text("section.purposes"), blocks: blocks)
    }

    func automatedBlocks(_ decision: AutomatedDecision) -> [Block] {
        var blocks: [Block] = []
        if decision.profiling { blocks.append(.paragraph(strings.text("automated.profiling"))) }
        blocks.append(
            .fields([
                NoticeField(strings.text("automated.logic"), localized(decision.logic)),
                NoticeField(strings.text("automated.effect"), localized(decision.effect)),
            ]))
        blocks.append(.paragraph(strings.text(decision.solelyAutomated ? "automated.solely" : "automated.assisted")))
        return blocks
    }

    func categoriesSection() -> NoticeDocument.Section {
        let rows = policy.dataCategories.map { category in
            [
                categoryLabel(category.key),
                strings.text(isSpecial(category.key) ? "yes" : "no"),
                strings.text(category.providedBySubject ? "yes" : "no"),
            ]
        }
        return .init(
            id: "categories", heading: strings.text("section.categories"),
            blocks: [
                .paragraph(strings.text("categories.intro")),
                .table(
                    headers: [
                        strings.text("categories.header.category"), strings.text("categories.header.special"),
                        strings.text("categories.header.provided"),
                    ], rows: rows),
            ])
    }

    func sourcesSection() -> NoticeDocument.Section? {
        let other = policy.purposes.filter { ($0.source?.kind ?? .subject) != .subject }
        guard !other.isEmpty else { return nil }
        let items = other.map { purpose -> String in
            let source = purpose.source!
            var text = "\(localized(purpose.label)): \(strings.text("source.\(source.kind.rawValue)"))"
            if let description = source.description { text += " " + localized(description) }
            return text
        }
        return .init(
            id: "sources", heading: strings.text("section.sources"),
            blocks: [.paragraph(strings.text("sources.subject")), .list(items)])
    }

    func recipientsSection() -> NoticeDocument.Section {
        guard !policy.recipients.isEmpty else {
            return .init(
                id: "recipients", heading: strings.text("section.recipients"),
                blocks: [.paragraph(strings.text("recipients.none"))])
        }
        let rows = policy.recipients.map { recipient in
            [
                localized(recipient.name),
                capitalized(strings.text("role.\(recipient.role.rawValue)")),
                recipient.purposes.compactMap { index.purposes[$0].map { localized($0.label) } }.joined(
                    separator: "; "),
                labelList(recipient.categories.map(categoryLabel)),
                countryList(recipient.countries),
            ]
        }
        let headers = ["recipient", "role", "purposes", "data", "countries"].map {
            strings.text("recipients.header.\($0)")
        }
        return .init(
            id: "recipients", heading: strings.text("section.recipients"),
            blocks: [.paragraph(strings.text("recipients.intro")), .table(headers: headers, rows: rows)])
    }

    func transfersSection() -> NoticeDocument.Section {
        let heading = strings.text("section.transfers", profile: profileKind)
        let transfers = policy.recipients.filter { recipient in
            recipient.countries.contains { !profile.freeTransferCountries.contains($0) }
        }
        guard !transfers.isEmpty else {
            return .init(id: "transfers", heading: heading, blocks: [.paragraph(strings.text("transfers.none"))])
        }
        var blocks: [Block] = [.paragraph(strings.text("transfers.intro"))]
        for recipient in transfers {
            let outside = recipient.countries.filter { !profile.freeTransferCountries.contains($0) }
            var fields = [NoticeField(strings.text("recipients.header.countries"), countryList(outside))]
            if let transfer = recipient.transfer {
                var safeguard = capitalized(strings.text("safeguard.\(transfer.safeguard.rawValue)"))
                if profileKind == .euGDPR {
                    safeguard += " (\(gdprCitation(transfer.safeguard.article)))"
                }
                if let reference = transfer.reference { safeguard += "; \(reference)" }
                fields.append(NoticeField(strings.text("transfers.safeguard"), safeguard))
                if let copy = transfer.copyAvailableAt {
                    fields.append(NoticeField(strings.text("transfers.copy"), copy))
                }
            }
            blocks.append(.subsection(heading: localized(recipient.name), blocks: [.fields(fields)]))
        }
        return .init(id: "transfers", heading: heading, blocks: blocks)
    }

    func automatedSection() -> NoticeDocument.Section {
        let automated = policy.purposes.filter { $0.automatedDecision != nil }
        var blocks: [Block] = []
        if automated.allSatisfy({ $0.automatedDecision?.solelyAutomated != true }) {
            blocks.append(.paragraph(strings.text("automated.none")))
        }
        for purpose in automated {
            blocks.append(
                .subsection(heading: localized(purpose.label), blocks: automatedBlocks(purpose.automatedDecision!)))
        }
        return .init(id: "automated", heading: strings.text("section.automated"), blocks: blocks)
    }
}

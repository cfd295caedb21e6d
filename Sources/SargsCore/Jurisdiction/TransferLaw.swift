/// How well a legal fact is established, as the reference documents mark it: H read in the legal
/// text, M secondary sources or well known, L recollection or a single unverified source.
public enum FactConfidence: String, Sendable, Hashable, Codable, CaseIterable {
    case high = "H"
    case medium = "M"
    case low = "L"

    /// The less certain of two facts a conclusion rests on.
    public static func weaker(_ lhs: FactConfidence, _ rhs: FactConfidence) -> FactConfidence {
        func rank(_ value: FactConfidence) -> Int {
            switch value {
            case .high: return 2
            case .medium: return 1
            case .low: return 0
            }
        }
        return rank(lhs) <= rank(rhs) ? lhs : rhs
    }
}

/// A list of countries a law counts as protecting personal data adequately, as data: each member
/// with how sure its membership is, where the list comes from, and why the law counts it.
public struct DestinationList: Sendable, Hashable {
    /// What the list is, e.g. `a party to Council of Europe Convention 108`.
    public var name: String
    /// Where the membership comes from, to check before each release.
    public var source: String
    /// Each member (ISO 3166-1 alpha-2) with the confidence that it belongs to the list.
    public var members: [String: FactConfidence]
    /// Why the law counts the list as adequate, with the provision (set per law by `counted(by:confidence:)`).
    public var legalBasis: String = ""
    /// How sure that legal basis is.
    public var legalBasisConfidence: FactConfidence = .low

    /// The same list as one law counts it.
    public func counted(by basis: String, confidence: FactConfidence) -> DestinationList {
        var copy = self
        copy.legalBasis = basis
        copy.legalBasisConfidence = confidence
        return copy
    }

    /// Members from groups of codes sharing a confidence; a code given twice keeps its first mark.
    static func memberships(_ groups: [(FactConfidence, [String])]) -> [String: FactConfidence] {
        var result: [String: FactConfidence] = [:]
        for (confidence, codes) in groups {
            for code in codes where result[code] == nil { result[code] = confidence }
        }
        return result
    }
}

/// Why a destination counts as adequately protected under the policy's law.
public struct AdequacyFinding: Sendable, Hashable {
    public var country: String
    /// The decision or list, e.g. `Commission adequacy decision (EU) 2019/419`, or the policy's own addition.
    public var source: String
    /// How sure the finding is: the weaker of list membership and the law's basis; nil for the policy's own addition.
    public var confidence: FactConfidence?
    /// The last day a dated decision covers; nil when open-ended or not dated.
    public var until: CivilDate?
    /// Only recipients certified under the EU-US Data Privacy Framework are covered.
    public var requiresDPFCertification: Bool
}

/// One law's rules for sending personal data to another country: GDPR Chapter V (Art. 44-49),
/// Law of Ukraine No. 2297-VI Art. 29, Law of Belarus No. 99-Z Art. 9. Which destinations count as
/// adequately protected and which declared grounds the law recognises, each with its citation and
/// confidence. The data itself is in `TransferDestinations.swift`, one place per law.
public struct TransferLaw: Sendable {
    public var profile: JurisdictionSettings.ProfileKind
    /// The law as findings name it: `GDPR`, `Law of Ukraine No. 2297-VI`, `Law of Belarus No. 99-Z`.
    public var name: String
    /// The provision on transfers, cited when no ground is declared, e.g. `Art. 44-49`.
    public var transferArticle: String
    /// The provision on adequately protected destinations, e.g. `Art. 45`.
    public var adequacyArticle: String
    /// What counts as adequate, in plain words, for findings.
    public var adequacyMeaning: String
    /// The grounds for a destination that is not adequate, in plain words, for findings and hints.
    public var otherGrounds: String
    /// How to declare a transfer under this law, for the hint of a recipient with none.
    public var safeguardHint: String
    /// Where adequacy comes from.
    public var adequacySource: AdequacySource
    /// Countries Sargs leaves off the law's lists by its own decision, with why; a policy adds them
    /// back with `rules.transfers.adequate_countries_add`.
    public var excluded: [String: String]
    /// The ground each declared safeguard stands for under this law; a safeguard missing here is
    /// not a ground under it (only adequately protected destinations pass).
    public var grounds: [Transfer.Safeguard: Ground]

    public enum AdequacySource: Sendable {
        /// The European Commission's dated decisions (`AdequacyDecisions`).
        case commissionDecisions
        /// Lists of states, e.g. the parties to Convention 108; the first list naming a country answers.
        case lists([DestinationList])
    }

    /// A ground of the law: its article, what it means when the article alone does not say, and how sure it is.
    public struct Ground: Sendable, Hashable {
        public var article: String
        public var meaning: String?
        public var confidence: FactConfidence
    }
}

extension TransferLaw {
    /// The transfer rules of the policy's regime.
    public static func governing(_ profile: JurisdictionSettings.ProfileKind) -> TransferLaw {
        switch profile {
        case .euGDPR: return .gdpr
        case .ukraine: return .ukraine
        case .belarus: return .belarus
        }
    }

    /// `GDPR Art. 44-49`.
    public var transferCitation: String { "\(name) \(transferArticle)" }

    /// `Law of Ukraine No. 2297-VI Art. 29(3)`.
    public var adequacyCitation: String { "\(name) \(adequacyArticle)" }

    /// Whether the law knows `safeguard` as a ground of its own.
    public func recognises(_ safeguard: Transfer.Safeguard) -> Bool { grounds[safeguard] != nil }

    /// How a finding cites `safeguard`: `GDPR Art. 49(1)(a)`, or `Law of Ukraine No. 2297-VI Art. 29:
    /// the subject's unambiguous consent`; the general transfer provision where the law does not know it.
    public func citation(for safeguard: Transfer.Safeguard) -> String {
        guard let ground = grounds[safeguard] else { return transferCitation }
        return "\(name) \(ground.article)" + (ground.meaning.map { ": \($0)" } ?? "")
    }

    /// Why `country` counts as adequately protected under this law on `day` (nil: on any day), after the
    /// policy's changes; nil when it does not. A removal wins; an addition only fills a gap, so it
    /// never lifts a listed decision's condition (the US stays limited to DPF-certified recipients).
    public func adequacy(for country: String, on day: CivilDate?, overrides: TransferOverrides?) -> AdequacyFinding? {
        if overrides?.adequateCountriesRemove.contains(country) == true { return nil }
        if let found = listed(country, on: day) { return found }
        if overrides?.adequateCountriesAdd.contains(country) == true {
            return AdequacyFinding(
                country: country, source: "the policy's rules.transfers.adequate_countries_add",
                confidence: nil, until: nil, requiresDPFCertification: false)
        }
        return nil
    }

    /// The built-in answer, without the policy's changes.
    public func listed(_ country: String, on day: CivilDate?) -> AdequacyFinding? {
        guard excluded[country] == nil else { return nil }
        switch adequacySource {
        case .commissionDecisions:
            guard let decision = AdequacyDecisions.byCountry[country] else { return nil }
            if let day, !decision.isInForce(on: day) { return nil }
            return AdequacyFinding(
                country: country, source: "Commission adequacy decision \(decision.reference)",
                confidence: .high, until: decision.until,
                requiresDPFCertification: decision.requiresDPFCertification)
        case .lists(let lists):
            for list in lists {
                guard let membership = list.members[country] else { continue }
                return AdequacyFinding(
                    country: country, source: "\(list.name) (\(list.legalBasis))",
                    confidence: FactConfidence.weaker(membership, list.legalBasisConfidence),
                    until: nil, requiresDPFCertification: false)
            }
            return nil
        }
    }

    /// Why `countries` do not count as adequate: `no adequacy decision is in force for IN (GDPR Art. 45)`.
    /// `inForce` false says that none exists at all (the policy check, which knows no date); countries the
    /// policy takes off the list are named as such.
    public func notAdequate(_ countries: [String], inForce: Bool = true, overrides: TransferOverrides? = nil) -> String
    {
        let removed = countries.filter { overrides?.adequateCountriesRemove.contains($0) == true }
        let list = countries.joined(separator: ", ")
        var text: String
        switch adequacySource {
        case .commissionDecisions:
            text =
                inForce
                ? "no adequacy decision is in force for \(list) (\(adequacyCitation))"
                : "the Commission has no adequacy decision for \(list) (\(adequacyCitation))"
        case .lists:
            text =
                "\(list) \(countries.count == 1 ? "is" : "are") not among the states with adequate protection: "
                + "\(adequacyMeaning) (\(adequacyCitation))"
        }
        if !removed.isEmpty {
            text +=
                """
                , as the policy takes \(removed.joined(separator: ", ")) \
                off the list (rules.transfers.adequate_countries_remove)
                """
        }
        return text
    }

    /// Why an adequacy decision limited to certified organisations does not cover `recipient`.
    public func uncertified(_ finding: AdequacyFinding, recipient: String) -> String {
        "the \(finding.source) for \(finding.country) covers only organisations certified under the EU-US Data Privacy "
            + "Framework, and recipient '\(recipient)' is not declared dpf_certified (\(adequacyCitation))"
    }
}

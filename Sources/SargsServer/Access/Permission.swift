/// What a caller may do. One table answers for API keys and console staff alike: a route or a
/// console page asks for a permission, never for a list of roles, so the two cannot drift apart.
/// `docs/console.md` prints this table; a test keeps the two equal.
public enum Permission: String, Sendable, CaseIterable {
    case decisionsAsk = "decisions.ask"
    case subjectsRead = "subjects.read"
    case subjectsWrite = "subjects.write"
    case factsRead = "facts.read"
    case consentsRecord = "consents.record"
    case relationshipsRecord = "relationships.record"
    case objectionsRecord = "objections.record"
    case restrictionsPlace = "restrictions.place"
    case restrictionsLift = "restrictions.lift"
    case disclosuresRecord = "disclosures.record"
    case disclosuresRead = "disclosures.read"
    case holdsManage = "holds.manage"
    case recipientEndpointsSet = "recipients.set_endpoint"
    case unsubscribeLinksCreate = "unsubscribe_links.create"
    case cookieConsentsRead = "cookie_consents.read"
    case requestsSubmit = "requests.submit"
    case requestsRead = "requests.read"
    case requestsVerifyCode = "requests.verify_code"
    case requestsAttest = "requests.attest"
    case requestsDecide = "requests.decide"
    case breachesManage = "breaches.manage"
    case retentionManage = "retention.manage"
    case policyManage = "policy.manage"
    case auditRead = "audit.read"
    case auditVerify = "audit.verify"

    /// The roles holding this permission.
    public var roles: Set<Role> {
        switch self {
        case .decisionsAsk, .subjectsRead, .factsRead, .requestsSubmit, .requestsVerifyCode:
            return [.admin, .dpo, .agent, .service]
        case .subjectsWrite, .consentsRecord, .relationshipsRecord, .disclosuresRecord:
            return [.admin, .agent, .service]
        case .objectionsRecord, .restrictionsPlace, .disclosuresRead, .requestsRead:
            return [.admin, .dpo, .agent]
        case .restrictionsLift, .holdsManage, .cookieConsentsRead, .requestsAttest, .requestsDecide, .breachesManage,
            .retentionManage,
            .policyManage, .auditRead:
            return [.admin, .dpo]
        case .unsubscribeLinksCreate:
            return [.admin, .service]
        case .recipientEndpointsSet, .auditVerify:
            return [.admin]
        }
    }

    /// What the permission allows, in the words of the documentation.
    public var summary: String {
        switch self {
        case .decisionsAsk: return "ask whether a purpose may use a subject's data (service keys: their purposes only)"
        case .subjectsRead: return "read a subject's values for a purpose, look a subject up by e-mail or phone"
        case .subjectsWrite: return "create subjects and change their values"
        case .factsRead: return "read consents and consent receipts"
        case .consentsRecord: return "record consents and confirm code-confirmed ones"
        case .relationshipsRecord: return "record contracts and other relationships"
        case .objectionsRecord: return "record objections"
        case .restrictionsPlace: return "restrict processing"
        case .restrictionsLift: return "lift a restriction"
        case .disclosuresRecord: return "record a disclosure to a recipient"
        case .disclosuresRead: return "list a subject's disclosures"
        case .holdsManage: return "place and release legal holds"
        case .recipientEndpointsSet: return "set where a recipient is notified"
        case .unsubscribeLinksCreate: return "create one-click unsubscribe links"
        case .cookieConsentsRead: return "read cookie-banner choices"
        case .requestsSubmit: return "submit a data-subject request"
        case .requestsRead: return "list and read data-subject requests"
        case .requestsVerifyCode: return "pass on a requester's code, send a new one"
        case .requestsAttest: return "attest a requester's identity or signature"
        case .requestsDecide:
            return "approve, extend, reject and complete requests, confirm recipients, download exports"
        case .breachesManage: return "record, assess, notify, report and close breaches"
        case .retentionManage: return "preview and run retention"
        case .policyManage: return "publish policy versions and read their history and record of processing"
        case .auditRead: return "read the audit trail"
        case .auditVerify: return "verify the whole audit chain"
        }
    }

    /// Whether `role` holds this permission.
    public func isGranted(to role: Role) -> Bool { roles.contains(role) }
}

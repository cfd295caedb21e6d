import Fluent
import Foundation
import SargsCore

/// What the composition root builds once at start and splits among the services: each service's
/// `init` names the parts it uses — the keys, the write store, the rules in force, the clock, the
/// settings, what each feature holds about a subject — so a test can give it fakes.
public struct SargsContext: Sendable {
    public let keys: ServerKeys
    public let store: WriteStore
    public let ruleSource: RuleSource
    /// Where the server reads the time (`ServerClock.system` outside tests).
    public let clock: ServerClock
    public let settings: ServerSettings
    /// What each feature holds about subjects (`App/SubjectDataRegistry`): erasure and export walk it.
    public let subjectData: [any SubjectDataOwner]
    /// The company's own datasets the policy names, with where to reach them.
    public let datasets: CompanyDatasets
    /// The processors over OpenDSR and the manual systems the policy names.
    public let externalSystems: ExternalSystems

    /// `audit`: the audit log, by default one keyed from `masterKey` with no head sink.
    public init(
        policy: Policy, masterKey: MasterKey, subjectData: [any SubjectDataOwner], clock: ServerClock = .system,
        audit: AuditLog? = nil, factsCache: DecisionFactsCache? = nil, publicURL: String = "http://127.0.0.1:8080",
        exportLinkLifetime: TimeInterval = 7 * 86_400, allowInsecureURLs: Bool = false,
        datasets: CompanyDatasets = CompanyDatasets(),
        externalSystems: ExternalSystems = ExternalSystems(transport: HTTPProcessorTransport())
    ) throws {
        self.datasets = datasets
        self.externalSystems = externalSystems
        let dataKeys = DataKeyCache()
        keys = ServerKeys(master: masterKey, dataKeys: dataKeys)
        store = WriteStore(
            audit: audit ?? AuditLog(key: AuditChainKey(master: masterKey)), factsCache: factsCache,
            dataKeys: dataKeys)
        ruleSource = RuleSource(
            schedule: PolicySchedule(try PolicyRules(policy: policy)) { [factsCache] in factsCache?.invalidateAll() },
            clock: clock)
        self.clock = clock
        settings = ServerSettings(
            publicURL: publicURL, exportLinkLifetime: exportLinkLifetime, allowInsecureURLs: allowInsecureURLs)
        self.subjectData = subjectData
    }

    /// The rules in force now (for pages and the composition root; services hold a `RuleSource`).
    public var rules: PolicyRules { ruleSource.current }
    public var schedule: PolicySchedule { ruleSource.schedule }
    public var masterKey: MasterKey { keys.master }
    public var audit: AuditLog { store.audit }
    public var factsCache: DecisionFactsCache? { store.factsCache }
    public var publicURL: String { settings.publicURL }
}

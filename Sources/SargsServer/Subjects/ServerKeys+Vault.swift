import SargsCore
import SargsKit

extension ServerKeys {
    /// The vault of subjects' personal values under these keys, with the rules' age of digital consent.
    func vault(_ rules: PolicyRules) -> SubjectVault {
        SubjectVault(master: master, consentAge: rules.engine.consentAge, keys: dataKeys)
    }
}

extension SargsContext {
    /// The vault under this context's keys and the rules in force (for pages; services hold `ServerKeys`).
    var vault: SubjectVault { keys.vault(rules) }
}

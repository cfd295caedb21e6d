import SargsCore
import SargsKit

extension SargsContext {
    /// The vault of subjects' personal values under this context's master key.
    var vault: SubjectVault { SubjectVault(master: masterKey, consentAge: rules.engine.consentAge, keys: dataKeys) }
}

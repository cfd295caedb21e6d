import SargsCore
import SargsKit

extension SargsContext {
    /// The vault of subjects' personal values under this context's master key.
    var vault: SubjectVault { SubjectVault(master: masterKey, consentAge: engine.consentAge, keys: dataKeys) }
}

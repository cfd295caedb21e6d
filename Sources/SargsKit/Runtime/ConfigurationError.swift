/// A configuration problem, naming the setting and what is wrong.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String, String)
    case policyInvalid(String)
    case masterKey(String)
    /// The SQLite data directory is held by another process (its lock file's line).
    case dataDirectoryInUse(String, String)

    public var description: String {
        switch self {
        case .dataDirectoryInUse(let directory, let holder):
            return "the data directory \(directory) is in use by \(holder); stop that process first "
                + "(one process at a time writes to an embedded SQLite database; with PostgreSQL, several may)"
        case .invalid(let setting, let problem): return "\(setting): \(problem)"
        case .policyInvalid(let summary): return "policy: \(summary)"
        case .masterKey(let problem): return "master key: \(problem)"
        }
    }
}

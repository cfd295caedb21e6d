import Foundation
import SargsKit

/// How console sessions behave (`SARGS_CONSOLE_IDLE_MINUTES`, `SARGS_CONSOLE_SESSION_HOURS`,
/// `SARGS_CONSOLE_ADMIN_TOTP`).
public struct ConsoleSettings: Sendable, Equatable {
    /// A session with no request for this long ends.
    public var idleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after sign-in, however active.
    public var absoluteLifetime: TimeInterval = 12 * 3_600
    /// Whether an admin must use a TOTP second factor (enrolling at the next sign-in if they have none).
    public var adminTOTPRequired = false

    public init() {}

    /// Reads the settings from the environment; a bad value names its variable.
    static func resolve(_ environment: [String: String]) throws(ConfigurationError) -> ConsoleSettings {
        var settings = ConsoleSettings()
        if let text = environment["SARGS_CONSOLE_IDLE_MINUTES"] {
            guard let minutes = Int(text), (1...1_440).contains(minutes) else {
                throw .invalid("SARGS_CONSOLE_IDLE_MINUTES", "must be 1-1440 minutes")
            }
            settings.idleTimeout = TimeInterval(minutes * 60)
        }
        if let text = environment["SARGS_CONSOLE_SESSION_HOURS"] {
            guard let hours = Int(text), (1...168).contains(hours) else {
                throw .invalid("SARGS_CONSOLE_SESSION_HOURS", "must be 1-168 hours")
            }
            settings.absoluteLifetime = TimeInterval(hours * 3_600)
        }
        switch environment["SARGS_CONSOLE_ADMIN_TOTP"] ?? "optional" {
        case "optional", "": settings.adminTOTPRequired = false
        case "required": settings.adminTOTPRequired = true
        default: throw .invalid("SARGS_CONSOLE_ADMIN_TOTP", "must be required or optional")
        }
        return settings
    }
}

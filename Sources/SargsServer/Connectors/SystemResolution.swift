import Foundation
import SargsKit

/// Why staff close a company system's part of a request by hand, when Sargs cannot carry it out
/// (a processor whose contract ended, a database taken down, a system that keeps failing after the
/// company did the work itself). A closed list: the reason is recorded and audited without free text.
enum SystemResolution: String, Sendable, CaseIterable, Codable, AuditResultPart {
    /// The work was done outside Sargs, in the system itself; the records changed or found are counted.
    case doneOutside = "done_outside"
    /// The system holds nothing of the person, or no longer exists.
    case notApplicable = "not_applicable"
}

import Foundation
import SargsCore

/// A value an audit entry's result names: its stored text, never a personal value.
public protocol AuditResultPart: Sendable {
    /// The text the audit chain stores for this value.
    var auditText: String { get }
}

extension String: AuditResultPart {
    public var auditText: String { self }
}

extension UUID: AuditResultPart {
    public var auditText: String { wire }
}

extension Int: AuditResultPart {
    public var auditText: String { String(self) }
}

extension AuditResultPart where Self: RawRepresentable, RawValue == String {
    public var auditText: String { rawValue }
}

extension RequestType: AuditResultPart {}
extension ContactChannel: AuditResultPart {}
extension ExportScope: AuditResultPart {}
extension CookieCategory.Kind: AuditResultPart {}
extension Decision.Reason: AuditResultPart {}
extension ErasurePlan.Ground.Kind: AuditResultPart {}

/// Audit results (`ok:…`, `denied:…`) written from typed values in one place, so that services
/// never spell a value's stored form themselves.
public enum AuditResult {
    /// `ok`, then each part, joined by colons: `AuditResult.ok(type, id)` is `ok:access:<id>`.
    public static func ok(_ parts: any AuditResultPart...) -> String {
        (["ok"] + parts.map(\.auditText)).joined(separator: ":")
    }
}

extension ServerMetrics {
    /// Counts a request reaching `status`, labelled by its type.
    public static func request(type: RequestType, status: String) {
        request(type: type.rawValue, status: status)
    }
}

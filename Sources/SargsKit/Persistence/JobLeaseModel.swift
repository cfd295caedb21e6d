import Fluent
import Foundation

/// A named lease on a job (`retention`): held by one process at a time, renewed while it works,
/// taken over once it expires or, on the same host, once its holder's process is gone.
public final class JobLeaseModel: Model, @unchecked Sendable {
    public static let schema = "job_leases"

    @ID(custom: "name", generatedBy: .user) public var id: String?
    @Field(key: "holder") public var holder: String
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}
}

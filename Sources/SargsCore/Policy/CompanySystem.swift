import Foundation

/// A company system Sargs cannot query itself (issue 25): a processor that speaks OpenDSR, or a
/// system with no API whose owner confirms by hand what was done. Requests reach it as they reach
/// the datasets: it is a row of its own on every request it concerns, and the request is complete
/// only when it is done.
public struct CompanySystem: Sendable, Hashable, Codable {
    /// The system's name in requests, the console and the audit trail.
    public var id: String
    /// The recipient (`recipients[].id`) this system is, when it is one (Art. 19 notices go to it too).
    public var recipient: String?
    /// The request types that reach the system; by default every type its kind can carry out.
    public var requests: [RequestType]?
    /// A processor reached over OpenDSR 2.0.
    public var opendsr: OpenDSREndpoint?
    /// A system whose owner carries the request out by hand and confirms through a signed link.
    public var manual: ManualTask?

    /// The request types a system of this kind can carry out.
    public var possibleRequests: [RequestType] {
        opendsr != nil ? OpenDSREndpoint.requestTypes : ManualTask.requestTypes
    }

    /// The request types that reach the system.
    public var handledRequests: [RequestType] { requests ?? possibleRequests }

    /// A processor's OpenDSR endpoint and the certificate its signatures are checked against.
    public struct OpenDSREndpoint: Sendable, Hashable, Codable {
        /// The versioned base URL, e.g. `https://opendsr.mailer.example/v2`.
        public var url: String
        /// The domain the processor signs as (`X-OpenDSR-Processor-Domain`); the certificate names it.
        public var domain: String
        /// The processor's certificate chain (PEM), beside the policy file: pinned, never fetched.
        public var certificate: String
        /// An environment variable holding the `Authorization` header value the processor asks for.
        public var credentials: String?
        /// The identities sent (OpenDSR `identity_type`): `email` and/or `controller_customer_id`.
        public var identities: [String]?

        /// OpenDSR 2.0 carries these three (its `subject_request_type`).
        public static let requestTypes: [RequestType] = [.access, .portability, .erasure]

        /// The certificate file's path: as written when absolute, else beside the policy file.
        public func certificatePath(besidePolicy policyFile: String) -> String {
            DatasetReference.resolve(certificate, besidePolicy: policyFile)
        }
    }

    /// A system with no API: its owner is sent a signed link, does the work and confirms it.
    public struct ManualTask: Sendable, Hashable, Codable {
        /// The owner's e-mail address (a role address such as `archive@shop.example`).
        public var owner: String
        /// Days the owner has to confirm; the console shows the task late after them.
        public var days: Int

        public static let requestTypes: [RequestType] = [.access, .portability, .erasure, .rectification, .restriction]
    }
}

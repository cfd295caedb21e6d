import Foundation

/// A data-subject request as OpenDSR 2.0 sends it to a processor (`POST {base}/requests`, §7.1).
public struct OpenDSRSubmission: Sendable, Codable, Equatable {
    /// `gdpr` (or `ccpa`): the law the request is made under.
    public var regulation: String
    /// Lower-case UUID v4, chosen by the controller; the same on every retry so a processor that
    /// already has the request says so instead of carrying it out twice.
    public var subjectRequestID: String
    /// `access`, `portability` or `erasure`.
    public var subjectRequestType: String
    /// When the data subject made the request (RFC 3339).
    public var submittedTime: String
    public var subjectIdentities: [Identity]
    public var apiVersion: String
    public var statusCallbackURLs: [String]

    public struct Identity: Sendable, Codable, Equatable {
        public var identityType: String
        public var identityValue: String
        public var identityFormat: String

        enum CodingKeys: String, CodingKey {
            case identityType = "identity_type"
            case identityValue = "identity_value"
            case identityFormat = "identity_format"
        }
    }

    enum CodingKeys: String, CodingKey {
        case regulation
        case subjectRequestID = "subject_request_id"
        case subjectRequestType = "subject_request_type"
        case submittedTime = "submitted_time"
        case subjectIdentities = "subject_identities"
        case apiVersion = "api_version"
        case statusCallbackURLs = "status_callback_urls"
    }

    /// The submission for `type`, with the subject's identities (Sargs' names → OpenDSR's) limited
    /// to the `kinds` the processor takes; nil when the type is not one OpenDSR carries or no
    /// identity is left to send.
    public init?(
        type: RequestType, subjectRequestID: UUID, submitted: Date, identities: [String: [String]],
        kinds: [String], callbackURL: String
    ) {
        guard CompanySystem.OpenDSREndpoint.requestTypes.contains(type) else { return nil }
        var sent: [Identity] = []
        for kind in kinds {
            let values: [String]
            switch kind {
            case "email": values = identities["email"] ?? []
            case "controller_customer_id": values = identities["external_id"] ?? []
            default: values = []
            }
            sent += values.map { Identity(identityType: kind, identityValue: $0, identityFormat: "raw") }
        }
        guard !sent.isEmpty else { return nil }
        regulation = "gdpr"
        self.subjectRequestID = subjectRequestID.uuidString.lowercased()
        subjectRequestType = type.rawValue
        submittedTime = OpenDSRTime.format(submitted)
        subjectIdentities = sent
        apiVersion = "2.0"
        statusCallbackURLs = [callbackURL]
    }

    /// The bytes sent: compact JSON with sorted keys, so the same submission is the same body.
    public func body() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A processor's word on a request: the 201 answer to a submission (§7.3), a status (§8.2) or a
/// callback (§8.5). Lenient as real processors require: unknown fields are ignored, nulls allowed,
/// an unknown status kept as written.
public struct OpenDSRReport: Sendable, Decodable, Equatable {
    public var controllerID: String?
    public var subjectRequestID: String
    public var requestStatus: String?
    public var expectedCompletionTime: String?
    public var statusCallbackURL: String?
    public var resultsURL: String?
    public var resultsCount: Int?
    /// Base64 of the request body the processor received (201 only); compared, never kept.
    public var encodedRequest: String?

    enum CodingKeys: String, CodingKey {
        case controllerID = "controller_id"
        case subjectRequestID = "subject_request_id"
        case requestStatus = "request_status"
        case expectedCompletionTime = "expected_completion_time"
        case statusCallbackURL = "status_callback_url"
        case resultsURL = "results_url"
        case resultsCount = "results_count"
        case encodedRequest = "encoded_request"
    }

    /// Parses a body; a body that is not such a report is a protocol violation.
    public static func parse(_ body: Data) throws(OpenDSRError) -> OpenDSRReport {
        do {
            return try JSONDecoder().decode(OpenDSRReport.self, from: body)
        } catch {
            throw .protocolViolation("the body is not an OpenDSR status with a subject_request_id")
        }
    }

    /// Where the request stands at the processor.
    public var progress: OpenDSRProgress { OpenDSRProgress(requestStatus) }

    /// When the processor expects to finish, if it said so readably.
    public var expectedCompletion: Date? { expectedCompletionTime.flatMap(OpenDSRTime.parse) }
}

/// An OpenDSR `request_status`, ordered so a request never moves back (duplicated or replayed
/// callbacks arrive out of order; §8.5 has the processor call on every change).
public enum OpenDSRProgress: Sendable, Equatable, Comparable {
    case pending
    case inProgress
    case completed
    case cancelled
    /// A status OpenDSR does not define, kept as written; it moves nothing.
    case other(String)

    public init(_ text: String?) {
        switch text {
        case "pending": self = .pending
        case "in_progress": self = .inProgress
        case "completed": self = .completed
        case "cancelled": self = .cancelled
        default: self = .other(text ?? "")
        }
    }

    public var wire: String {
        switch self {
        case .pending: return "pending"
        case .inProgress: return "in_progress"
        case .completed: return "completed"
        case .cancelled: return "cancelled"
        case .other(let text): return text
        }
    }

    /// Whether the processor is finished with the request.
    public var isFinal: Bool { self == .completed || self == .cancelled }

    private var rank: Int {
        switch self {
        case .other: return -1
        case .pending: return 0
        case .inProgress: return 1
        case .completed, .cancelled: return 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    /// Whether a report of `next` may move a request that stands at `self`: only forward, and
    /// nothing after a final status.
    public func advances(to next: OpenDSRProgress) -> Bool {
        if case .other = next { return false }
        return !isFinal && self < next
    }
}

/// OpenDSR's times: sent as strict RFC 3339 in UTC; read leniently (fractions of any length, a
/// missing zone taken as UTC), as real processors write them.
public enum OpenDSRTime {
    public static func format(_ date: Date) -> String {
        date.ISO8601Format()
    }

    public static func parse(_ text: String) -> Date? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if let dot = value.firstIndex(of: ".") {
            let fractionEnd = value[dot...].dropFirst().firstIndex { !$0.isNumber } ?? value.endIndex
            value.removeSubrange(dot..<fractionEnd)
        }
        if !(value.hasSuffix("Z") || value.dropFirst(19).contains("+") || value.dropFirst(19).contains("-")) {
            value += "Z"
        }
        return try? Date(value, strategy: .iso8601)
    }
}

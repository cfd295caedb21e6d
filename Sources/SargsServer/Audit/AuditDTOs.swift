import Foundation
import SargsCore
import SargsKit
import Vapor

/// `GET /v1/audit`: a page of the chain.
struct AuditPage: Content {
    var entries: [Entry]
    /// The check of the entries on this page.
    var verification: String
    /// Pass as `after` for the next page; absent on the last page.
    var nextAfter: Int64?

    enum CodingKeys: String, CodingKey { case entries, verification, nextAfter = "next_after" }

    struct Entry: Content {
        var sequence: Int64
        var time: Date
        var actor: String
        var action: String
        var subjectID: String?
        var purpose: String?
        var categories: [String]
        var result: String
        var hash: String

        enum CodingKeys: String, CodingKey {
            case sequence, time, actor, action, subjectID = "subject_id", purpose, categories, result, hash
        }

        init(_ entry: AuditEntry) {
            sequence = entry.sequence
            time = entry.time
            actor = entry.actor
            action = entry.action
            subjectID = entry.subjectID?.wire
            purpose = entry.purpose
            categories = entry.categories
            result = entry.result
            hash = entry.hash
        }
    }
}

/// `GET /v1/audit/verify`: the whole chain checked, and checked against the signed head.
struct AuditVerification: Content {
    var intact: Bool
    var entries: Int?
    var brokenAt: Int64?
    var reason: String?
    /// The caveat of an intact chain, e.g. "no signed head yet" (entries removed from the end would not be seen).
    var warning: String?
    /// The entry the signed head names: the chain is pinned up to it.
    var signedThrough: Int64?

    enum CodingKeys: String, CodingKey {
        case intact, entries, brokenAt = "broken_at", reason, warning, signedThrough = "signed_through"
    }
}

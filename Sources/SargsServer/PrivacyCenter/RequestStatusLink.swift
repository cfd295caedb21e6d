import Foundation
import SargsCore

/// The private link to a request submitted in the privacy center: its id sealed (`SealedToken`),
/// so the URL names nobody and cannot be altered into another request's link.
enum RequestStatusLink {
    static let context = "request-status|v1"

    static func token(for request: UUID, master: MasterKey) throws -> String {
        try SealedToken.seal(request, context: context, with: master)
    }

    static func request(from token: String?, master: MasterKey) -> UUID? {
        token.flatMap { SealedToken.open(UUID.self, from: $0, context: context, with: master) }
    }
}

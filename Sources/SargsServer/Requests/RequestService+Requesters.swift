import Fluent
import Foundation
import SargsKit

extension RequestService {
    /// Who made each of `ids`, as staff lists show it: the address the request is answered at (the
    /// subject's on file, or the one given), and a representative's name when one acted; nil for
    /// a request with neither (a letter with no address). A request whose personal details were
    /// purged after closing (`SARGS_REQUEST_DETAILS_DAYS`) shows the subject's address only.
    func requesters(of ids: [UUID], on database: any Database) async throws -> [UUID: String] {
        var result: [UUID: String] = [:]
        for chunk in ids.chunked() {
            for model in try await RequestModel.query(on: database).filter(\.$id ~~ chunk).all() {
                guard let id = model.id else { continue }
                let representative = (try? RequestStore.open(model, master: master))?.representative?.name
                let address = try? await address(for: model, on: database)
                let parts = [address, representative.map { "(\($0))" }].compactMap { $0 }
                if !parts.isEmpty { result[id] = parts.joined(separator: " ") }
            }
        }
        return result
    }
}

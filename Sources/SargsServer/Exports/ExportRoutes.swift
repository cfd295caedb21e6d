import Fluent
import Foundation
import SargsCore
import Vapor

/// `GET /v1/exports/{token}`: the access or portability package behind an expiring signed link.
/// The link is the credential (it is sent only to the verified requester); every download is audited.
struct ExportsController: Sendable {
    let context: SargsContext

    func register(_ routes: any RoutesBuilder) {
        routes.get("v1", "exports", ":token", use: download)
    }

    @Sendable
    func download(_ request: Request) async throws -> Response {
        let now = Date()
        guard let token = request.parameters.get("token"), let requestID = ExportLinks.verify(token, master: context.masterKey, now: now) else {
            throw APIProblem(status: .gone, type: "link-expired", title: "The link is invalid or has expired",
                             detail: "ask for a new copy through the privacy contact", field: nil)
        }
        guard let dsr = try await RequestModel.find(requestID, on: request.db), dsr.status == RequestStatus.completed.rawValue,
              let type = RequestType(rawValue: dsr.type), type == .access || type == .portability,
              let subjectID = dsr.subjectID, let subject = try await SubjectModel.find(subjectID, on: request.db),
              subject.status != SubjectState.Status.erased.rawValue else {
            throw APIProblem.notFound("the export")
        }
        let export = try await SubjectExportLoader.load(subject, master: context.masterKey, on: request.db)
        let scope: ExportScope = type == .access ? .access : .portability
        let bytes = try ExportPackage(policy: context.policy, language: dsr.language).archive(export, scope: scope, generatedAt: now)
        try await context.audit.record([AuditChain.Draft(time: now, actor: "link:\(requestID.uuidString.lowercased())", action: "export.download",
                                                         subjectID: subjectID, categories: Array(Set(export.items.map(\.category))).sorted(),
                                                         result: "ok:\(scope.rawValue)")], on: request.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "zip")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(scope.rawValue)-\(RequestService.reference(requestID)).zip\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }
}

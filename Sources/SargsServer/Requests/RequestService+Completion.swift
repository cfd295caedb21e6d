import Fluent
import Foundation
import SargsCore
import SargsKit

/// A request whose company systems are all done is completed, and its answer sent (issue 25).
extension RequestService {
    /// The request is completed, and its answer sent, once every system is done.
    func completeIfEverySystemIsDone(_ requestID: UUID, on database: any Database) async throws {
        let systems = try await RequestSystemModel.query(on: database).filter(\.$requestID == requestID).all()
        guard !systems.isEmpty, systems.allSatisfy({ $0.status == .done }),
            let pending = try await PendingCompletionModel.find(requestID, on: database)
        else { return }
        let request = try await RequestQueries.find(requestID, on: database)
        guard request.status == .inProgress else { return }
        let master = keys.master
        let answer = try JSONDecoder().decode(
            PendingAnswer.self,
            from: try Vault.openService(pending.message, context: Self.completionContext(requestID), with: master))
        let read = RequestStore.ReadState(request)
        let now = serverClock.now
        request.status = try RequestLifecycle.apply(.complete, to: request.status)
        request.closedAt = now
        let email = try RequestStore.delivery(
            answer.message, topic: "completion", to: answer.address, request: request, master: master)
        let transfer = try await deferredTransfer(request, at: now, on: database)
        if transfer != nil {
            var outcome = request.outcomeValue ?? RequestOutcome()
            outcome.transmitted = true
            request.outcomeValue = outcome
        }
        let change = try ModelWrite(changing: request)
        let event = try ModelWrite(
            inserting: RequestStore.event(
                .complete, request: request, actor: "system", note: nil, master: master, at: now))
        let (type, subjectID) = (request.type, request.subjectID)
        try await store.write(on: database) { database in
            try await RequestStore.claim(requestID, as: read, on: database)
            try await change.run(on: database)
            try await event.run(on: database)
            try await PendingCompletionModel.query(on: database).filter(\.$id == requestID).delete()
            if let email {
                try await Outbox.email(
                    to: email.address, email.message, topic: email.topic, requestID: requestID, master: master,
                    at: now, on: database)
            }
            var drafts = [
                AuditChain.Draft(
                    time: now, actor: "system", action: .requestComplete, subjectID: subjectID,
                    result: AuditResult.ok(type))
            ]
            if let transfer {
                try await Outbox.transfer(
                    to: transfer.url, document: transfer.document, requestID: requestID, master: master, at: now,
                    on: database)
                drafts.append(
                    AuditChain.Draft(
                        time: now, actor: "system", action: .exportTransmit, subjectID: subjectID,
                        categories: transfer.categories, result: "ok:queued"))
            }
            return ((), drafts)
        }
        ServerMetrics.request(type: type, status: "completed")
    }

    /// The portability document a direct transmission (Art. 20(2)) carries once every system is done:
    /// the vault's portable values and the systems' portable rows, read now; nil when none is asked.
    func deferredTransfer(
        _ request: RequestModel, at now: Date, on database: any Database
    ) async throws -> (url: String, document: Data, categories: [String])? {
        guard request.type == .portability, request.outcomeValue?.transmitted != true,
            let url = try RequestStore.open(request, master: keys.master).details?.transmitTo,
            let subjectID = request.subjectID, let subject = try await SubjectModel.find(subjectID, on: database),
            !subject.isErased
        else { return nil }
        let rules = ruleSource.current
        let vault = keys.vault(rules)
        var export = try await vault.export(of: subject, owners: subjectData, on: database)
        let identities = try await vault.identities(of: subject, on: database)
        await SystemReads.add(to: &export, identities: identities, datasets: datasets)
        let document = try ExportPackage(policy: rules.policy, language: request.language)
            .document(export, scope: .portability, generatedAt: now)
        return (url, Data(document), Array(Set(export.items.map(\.category))).sorted())
    }

    /// The answer and the address it goes to, read at approval (an erasure destroys the address
    /// before the last system is done), kept sealed while systems are carried out.
    struct PendingAnswer: Codable {
        var message: RequestMessage
        var address: String?
    }

    /// The completion message kept sealed while systems are carried out.
    func pendingCompletion(
        _ message: RequestMessage, to address: String?, request requestID: UUID, at now: Date
    ) throws -> ModelWrite<PendingCompletionModel> {
        let row = PendingCompletionModel()
        row.id = requestID
        row.message = try Vault.sealService(
            try JSONEncoder().encode(PendingAnswer(message: message, address: address)),
            context: Self.completionContext(requestID), with: keys.master)
        row.createdAt = now
        return try ModelWrite(changing: row)
    }

    static func completionContext(_ requestID: UUID) -> String { "request-completion|\(requestID.wire)" }
}

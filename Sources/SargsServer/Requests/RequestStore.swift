import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Reading and writing the sealed parts of requests, their history, and the views the API returns.
enum RequestStore {
    static func seal(_ data: RequestPrivateData, request id: UUID, master: MasterKey) throws -> Data {
        try Vault.sealService(try JSONEncoder().encode(data), context: "request|\(id.uuidString)", with: master)
    }

    static func open(_ request: RequestModel, master: MasterKey) throws -> RequestPrivateData {
        // Forgotten (the subject was erased, or the request closed long ago): nothing personal is left.
        if request.sealed.isEmpty { return RequestPrivateData() }
        let raw = try Vault.openService(
            request.sealed, context: "request|\(try request.requireID().uuidString)", with: master)
        return try JSONDecoder().decode(RequestPrivateData.self, from: raw)
    }

    /// Forgets the personal details of `requests` — the sealed address, details and representative,
    /// the posted letter, staff notes in their history — keeping type, dates, status and outcome.
    /// Called when their subject is erased or shredded, and by `RecordPurge` once closed long enough.
    static func forgetDetails(of requests: [UUID], on database: any Database) async throws {
        guard !requests.isEmpty else { return }
        try await RequestModel.query(on: database).filter(\.$id ~~ requests).set(\.$sealed, to: Data()).set(
            \.$letter, to: nil
        ).update()
        try await RequestEventModel.query(on: database).filter(\.$requestID ~~ requests).set(\.$note, to: nil).update()
        try await RequestAttachmentModel.query(on: database).filter(\.$requestID ~~ requests).delete()
    }

    /// Forgets the personal details of every request about `subjects` (see `forgetDetails(of:)`).
    /// `answering` is the erasure request being answered: its letter, the answer staff post when no
    /// address is left, is kept.
    static func forgetDetails(
        ofSubjects subjects: [UUID], answering: UUID? = nil, on database: any Database
    ) async throws {
        guard !subjects.isEmpty else { return }
        let ids = try await RequestModel.query(on: database).filter(\.$subjectID ~~ subjects).field(\.$id).all()
            .compactMap(\.id)
        for chunk in ids.filter({ $0 != answering }).chunked() { try await forgetDetails(of: chunk, on: database) }
        if let answering {
            try await RequestModel.query(on: database).filter(\.$id == answering).set(\.$sealed, to: Data()).update()
            try await RequestEventModel.query(on: database).filter(\.$requestID == answering).set(\.$note, to: nil)
                .update()
            try await RequestAttachmentModel.query(on: database).filter(\.$requestID == answering).delete()
        }
    }

    /// What a staff action or a verification was decided from: the request's status and whether it
    /// was already extended, as read before the change.
    struct ReadState: Sendable {
        var status: RequestStatus
        var extended: Bool

        init(_ request: RequestModel) {
            status = request.status
            extended = request.extended
        }
    }

    /// Inside the change's transaction, first: holds the request's row and checks it is still as the
    /// change was decided from. Two actions on one request at once (a rejection and a completion, two
    /// extensions) never both apply: the second gets a conflict and writes nothing, no event, no entry
    /// and no message. On PostgreSQL the row lock makes the second wait for the first to commit.
    static func claim(_ id: UUID, as read: ReadState, on database: any Database) async throws {
        let claimed =
            try await JobLease.sql(database).raw(
                """
                UPDATE \(ident: RequestModel.schema) SET status = status
                WHERE id = \(bind: id) AND status = \(bind: read.status) AND extended = \(bind: read.extended)
                RETURNING id
                """
            ).first() != nil
        guard claimed else {
            throw DomainError.conflict(
                "status", "the request was changed by someone else meanwhile; reload it and try again")
        }
    }

    static func sealNote(_ note: String, request id: UUID, master: MasterKey) throws -> Data {
        try Vault.sealService(Data(note.utf8), context: "request-note|\(id.uuidString)", with: master)
    }

    static func openNote(_ sealed: Data, request id: UUID, master: MasterKey) -> String? {
        (try? Vault.openService(sealed, context: "request-note|\(id.uuidString)", with: master)).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// How a message about a request goes out: an e-mail queued in the transaction, or, with no
    /// address, a letter kept sealed on the request for staff to post (set on the model before the
    /// write, so the row's change carries it).
    static func delivery(
        _ message: RequestMessage, topic: String, to address: String?, request: RequestModel, master: MasterKey
    ) throws -> (address: String, message: RequestMessage, topic: String)? {
        guard let address else {
            request.letter = try sealLetter(message, request: try request.requireID(), master: master)
            return nil
        }
        return (address, message, topic)
    }

    /// Sends a message to the requester inside the caller's transaction (`delivery`, then the
    /// outbox); the caller saves the request, which may now carry the letter.
    static func send(
        _ message: RequestMessage, topic: String, to address: String?, request: RequestModel, master: MasterKey,
        at now: Date, on database: any Database
    ) async throws {
        guard let email = try delivery(message, topic: topic, to: address, request: request, master: master) else {
            return
        }
        try await Outbox.email(
            to: email.address, email.message, topic: email.topic, requestID: try request.requireID(), master: master,
            at: now, on: database)
    }

    /// `message` sealed as the letter staff send by post for request `id`.
    static func sealLetter(_ message: RequestMessage, request id: UUID, master: MasterKey) throws -> Data {
        try Vault.sealService(
            try JSONEncoder().encode(message), context: "request-letter|\(id.uuidString)", with: master)
    }

    static func openLetter(_ request: RequestModel, master: MasterKey) -> RequestMessage? {
        guard let sealed = request.letter, let id = request.id,
            let raw = try? Vault.openService(sealed, context: "request-letter|\(id.uuidString)", with: master)
        else { return nil }
        return try? JSONDecoder().decode(RequestMessage.self, from: raw)
    }

    /// Appends a history event (in the caller's transaction).
    static func event(
        _ action: RequestEventModel.Kind, request: RequestModel, actor: String, note: String?, master: MasterKey,
        at now: Date, on database: any Database
    ) async throws {
        try await event(action, request: request, actor: actor, note: note, master: master, at: now).create(
            on: database)
    }

    /// A history event at the request's present status, not yet stored.
    static func event(
        _ action: RequestEventModel.Kind, request: RequestModel, actor: String, note: String?, master: MasterKey,
        at now: Date
    ) throws -> RequestEventModel {
        let event = RequestEventModel()
        let id = try request.requireID()
        event.id = UUID()
        event.requestID = id
        event.action = action
        event.actor = actor
        event.status = request.status
        event.note = try note.map { try sealNote($0, request: id, master: master) }
        event.at = now
        return event
    }

}

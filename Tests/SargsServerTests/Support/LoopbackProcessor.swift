import Foundation
import SwiftASN1
import Testing
import Vapor
import X509
import _CryptoExtras

/// A processor speaking OpenDSR 2.0 on a loopback port (issue 25), for the tests: it takes
/// requests, answers and reports status with bodies signed by its own key (RSA PKCS#1 v1.5,
/// SHA-256), checks the credentials Sargs sends, and signs the callbacks a test hands to Sargs.
actor LoopbackProcessor {
    /// What the processor does with the next submissions.
    enum Behaviour: Sendable {
        /// 201, the request pending.
        case accept
        /// 503: down for maintenance.
        case unavailable
        /// Takes the request, then loses its answer (500): Sargs must not send it twice as new.
        case acceptThenFail
        /// Answers 307 to another host: Sargs must not follow it (the credentials would go along).
        case redirect
    }

    struct Received: Sendable {
        var id: String
        var type: String
        var identities: [[String: String]]
        var callbacks: [String]
        var regulation: String
    }

    static let domain = "opendsr.mailer.example"
    static let credentials = "Bearer loopback-secret"

    nonisolated let url: String
    nonisolated let certificatePEM: String
    private let app: Application
    private let state: State

    /// The processor's books: kept outside the actor so the routes, which exist first, reach them.
    final class State: @unchecked Sendable {
        let lock = NSLock()
        let key: _RSA.Signing.PrivateKey
        var behaviour = Behaviour.accept
        var received: [String: Received] = [:]
        var statuses: [String: String] = [:]
        var submissions = 0
        var refusedCredentials = 0

        init(key: _RSA.Signing.PrivateKey) { self.key = key }

        func locked<T>(_ body: () throws -> T) rethrows -> T {
            lock.lock()
            defer { lock.unlock() }
            return try body()
        }

        func sign(_ body: Data) throws -> String {
            try key.signature(for: body, padding: .insecurePKCS1v1_5).rawRepresentation.base64EncodedString()
        }

        func signed(_ object: [String: Any], status: HTTPResponseStatus) throws -> Response {
            let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.add(name: "X-OpenDSR-Processor-Domain", value: LoopbackProcessor.domain)
            headers.add(name: "X-OpenDSR-Signature", value: try sign(body))
            return Response(status: status, headers: headers, body: .init(data: body))
        }
    }

    private init(app: Application, url: String, certificatePEM: String, state: State) {
        self.app = app
        self.url = url
        self.certificatePEM = certificatePEM
        self.state = state
    }

    /// Listens on a free loopback port, with a new key and a certificate issued to `domain`.
    static func start() async throws -> LoopbackProcessor {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let name = try DistinguishedName { CommonName(domain) }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(400 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try Certificate.Extensions { SubjectAlternativeNames([.dnsName(domain)]) },
            issuerPrivateKey: .init(key))
        let state = State(key: key)
        let app = try await Application.make(.testing)
        app.post("v2", "requests") { request async throws -> Response in
            guard request.headers.first(name: .authorization) == credentials else {
                state.locked { state.refusedCredentials += 1 }
                return Response(status: .unauthorized)
            }
            let body = request.body.data.map { Data($0.readableBytesView) } ?? Data()
            let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            let id = try #require(json["subject_request_id"] as? String)
            let received = Received(
                id: id, type: json["subject_request_type"] as? String ?? "",
                identities: json["subject_identities"] as? [[String: String]] ?? [],
                callbacks: json["status_callback_urls"] as? [String] ?? [],
                regulation: json["regulation"] as? String ?? "")
            let behaviour: Behaviour = try state.locked {
                state.submissions += 1
                if state.behaviour == .unavailable { return .unavailable }
                if state.received[id] != nil { throw Abort(.badRequest, reason: "Subject request already exists") }
                state.received[id] = received
                state.statuses[id] = "pending"
                return state.behaviour
            }
            switch behaviour {
            case .unavailable: return Response(status: .serviceUnavailable)
            case .acceptThenFail: return Response(status: .internalServerError)
            case .redirect:
                let moved = Response(status: .temporaryRedirect)
                moved.headers.replaceOrAdd(name: .location, value: "http://127.0.0.1:9/opendsr/requests")
                return moved
            case .accept:
                return try state.signed(
                    [
                        "controller_id": "sargs-test", "expected_completion_time": "2030-01-01T00:00:00Z",
                        "received_time": ISO8601DateFormatter().string(from: Date()),
                        "encoded_request": body.base64EncodedString(), "subject_request_id": id,
                    ], status: .created)
            }
        }
        app.get("v2", "requests", ":id") { request async throws -> Response in
            let id = request.parameters.get("id") ?? ""
            guard let status = state.locked({ state.statuses[id] }) else { return Response(status: .notFound) }
            var object: [String: Any] = [
                "controller_id": "sargs-test", "expected_completion_time": "2030-01-01T00:00:00Z",
                "subject_request_id": id, "request_status": status,
            ]
            if status == "completed" { object["results_count"] = 4 }
            return try state.signed(object, status: .ok)
        }
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        try app.server.start()
        let port = try #require(app.http.server.shared.localAddress?.port, "the processor has no port")
        return LoopbackProcessor(
            app: app, url: "http://127.0.0.1:\(port)/v2", certificatePEM: try certificate.serializeAsPEM().pemString,
            state: state)
    }

    /// Runs `body` with a processor started for it, stopped however `body` ends.
    static func with(_ body: (LoopbackProcessor) async throws -> Void) async throws {
        let processor = try await start()
        do {
            try await body(processor)
        } catch {
            await processor.stop()
            throw error
        }
        await processor.stop()
    }

    func behave(_ behaviour: Behaviour) { state.locked { state.behaviour = behaviour } }

    var received: [Received] { state.locked { Array(state.received.values) } }
    var submissions: Int { state.locked { state.submissions } }
    var refusedCredentials: Int { state.locked { state.refusedCredentials } }

    /// Moves a request on at the processor (what `GET /requests/{id}` reports from then on).
    func move(_ id: String, to status: String) { state.locked { state.statuses[id] = status } }

    /// The callback the processor sends on a change (§8.5): its headers and its signed body.
    func callback(
        _ id: String, status: String, to url: String, resultsCount: Int? = nil
    ) throws -> (headers: HTTPHeaders, body: Data) {
        move(id, to: status)
        var object: [String: Any] = [
            "controller_id": "sargs-test", "status_callback_url": url, "subject_request_id": id,
            "request_status": status, "expected_completion_time": "2030-01-01T00:00:00Z", "results_url": NSNull(),
        ]
        if let resultsCount { object["results_count"] = resultsCount }
        let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(name: "X-OpenDSR-Processor-Domain", value: Self.domain)
        headers.add(name: "X-OpenDSR-Signature", value: try state.sign(body))
        return (headers, body)
    }

    func stop() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }
}

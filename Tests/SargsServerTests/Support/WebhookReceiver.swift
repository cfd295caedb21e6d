import Foundation
import Testing
import Vapor

/// A real HTTP endpoint that records webhook deliveries.
actor WebhookReceiver {
    struct Delivery: Sendable {
        var id: String
        var signature: String
        var body: Data
    }

    /// Deliveries recorded by the route, which exists before the receiver does.
    actor Deliveries {
        var all: [Delivery] = []
        func append(_ delivery: Delivery) { all.append(delivery) }
    }

    var received: [Delivery] { get async { await deliveries.all } }
    nonisolated let url: String
    private let app: Application
    private let deliveries: Deliveries

    private init(app: Application, url: String, deliveries: Deliveries) {
        self.app = app
        self.url = url
        self.deliveries = deliveries
    }

    /// Listens on a free loopback port the operating system picks.
    static func start() async throws -> WebhookReceiver {
        let app = try await Application.make(.testing)
        let deliveries = Deliveries()
        app.post("hook") { request async -> HTTPStatus in
            let body = request.body.data.map { Data($0.readableBytesView) } ?? Data()
            await deliveries.append(
                Delivery(
                    id: request.headers.first(name: "Sargs-Delivery-Id") ?? "",
                    signature: request.headers.first(name: "Sargs-Signature") ?? "", body: body))
            return .noContent
        }
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        try app.server.start()
        let port = try #require(app.http.server.shared.localAddress?.port, "the webhook receiver has no port")
        return WebhookReceiver(app: app, url: "http://127.0.0.1:\(port)/hook", deliveries: deliveries)
    }

    func stop() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }
}

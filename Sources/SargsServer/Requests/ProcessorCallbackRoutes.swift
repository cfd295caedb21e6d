import Fluent
import SargsCore
import SargsKit
import Vapor

/// `POST /opendsr/callback`: where processors report a request's progress (OpenDSR 2.0 §8.5). The
/// signature is the credential: checked over the raw body against the processor's pinned
/// certificate before the body is read. 202 when accepted (a duplicate too), 401 for a domain the
/// policy does not name, 403 for a signature that does not verify.
struct ProcessorCallbackRoutes: Sendable {
    let service: RequestService

    func register(_ routes: any RoutesBuilder) {
        routes.on(.POST, ErasureOrders.callbackPath, body: .collect(maxSize: "64kb"), use: receive)
    }

    @Sendable
    func receive(_ request: Request) async throws -> Response {
        let body = request.body.data.map { Data($0.readableBytesView) } ?? Data()
        let headers = request.headers
        try await service.receiveCallback(
            domain: headers.first(name: "X-OpenDSR-Processor-Domain")
                ?? headers.first(name: "X-OpenGDPR-Processor-Domain"),
            signature: headers.first(name: "X-OpenDSR-Signature") ?? headers.first(name: "X-OpenGDPR-Signature"),
            body: body, on: request.db)
        return Response(status: .accepted)
    }
}

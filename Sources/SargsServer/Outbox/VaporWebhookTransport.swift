import Foundation
import Vapor

/// Posts webhooks with Vapor's HTTP client.
struct VaporWebhookTransport: WebhookTransport {
    let client: any Client

    func post(url: String, headers: [(String, String)], body: Data) async throws -> UInt {
        let response = try await client.post(URI(string: url), headers: HTTPHeaders(headers)) { request in
            request.body = ByteBuffer(bytes: body)
        }
        return response.status.code
    }
}

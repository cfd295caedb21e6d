import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange with a company's processor.
public struct ProcessorExchange: Sendable {
    public var status: UInt
    public var headers: [(String, String)]
    public var body: Data

    public init(status: UInt, headers: [(String, String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header named `name`, compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// How Sargs speaks HTTP to processors; tests give a fake, the server the shared client.
public protocol ProcessorTransport: Sendable {
    func send(
        method: String, url: String, headers: [(String, String)], body: Data?, timeout: TimeInterval
    ) async throws -> ProcessorExchange
}

/// An AsyncHTTPClient that never follows a redirect (a 3xx would carry the identities and the
/// `Authorization` header to another host, or to plain http), with a body limit: a processor's
/// answer is a small JSON document. One client for the process, never shut down.
public struct HTTPProcessorTransport: ProcessorTransport {
    /// The largest answer read.
    public static let maximumBody = 1 << 20

    static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    public init() {}

    public func send(
        method: String, url: String, headers: [(String, String)], body: Data?, timeout: TimeInterval
    ) async throws -> ProcessorExchange {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await Self.client.execute(request, timeout: .seconds(Int64(timeout)))
        let bytes = try await response.body.collect(upTo: Self.maximumBody)
        return ProcessorExchange(
            status: response.status.code, headers: response.headers.map { ($0.name, $0.value) },
            body: Data(bytes.readableBytesView))
    }
}

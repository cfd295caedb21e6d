import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
import Yams
@testable import SargsServer

/// Every operation of the OpenAPI document, asked by every kind of caller, answers as the
/// permission table says: no key → 401; a role without the operation's permission → 403; a role
/// with it → anything but 401 and 403 (the empty body may still be refused). A service key limited
/// to one purpose is refused only for a purpose, never for its role. The operation's permission
/// is its `x-permission` in the document, and every `/v1` route the server registers must be in
/// the document with one, so a new route cannot be forgotten (issue 20, item 2).
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    struct Operation: CustomStringConvertible {
        let method: HTTPMethod
        let path: String
        let permission: Permission?
        var description: String { "\(method.rawValue) \(path)" }
    }

    static func operations() throws -> [Operation] {
        let text = try String(
            contentsOfFile: TestEnvironment.path("Sources/SargsServer/Resources/openapi.yaml"), encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var operations: [Operation] = []
        for (path, item) in paths {
            for (method, value) in (item as? [String: Any]) ?? [:] {
                guard ["get", "post", "put", "patch", "delete"].contains(method),
                    let operation = value as? [String: Any]
                else { continue }
                let permission = try (operation["x-permission"] as? String).map { name in
                    try #require(
                        Permission(rawValue: name),
                        "\(method) \(path): x-permission '\(name)' is not in the permission table")
                }
                if permission == nil {
                    #expect(
                        (operation["security"] as? [Any])?.isEmpty == true,
                        "\(method) \(path) has neither x-permission nor security: []")
                }
                operations.append(
                    Operation(method: HTTPMethod(rawValue: method.uppercased()), path: path, permission: permission))
            }
        }
        return operations.sorted { $0.description < $1.description }
    }

    /// The document's path with each `{param}` as the route's `:param` placeholder.
    static func pattern(_ path: String) -> [String] {
        path.split(separator: "/").map { $0.hasPrefix("{") ? ":" : String($0) }
    }

    @Test("Every /v1 route the server registers is in the OpenAPI document with its permission")
    func everyRouteDocumented() async throws {
        let documented = Set(
            try Self.operations().map { "\($0.method.rawValue) \(Self.pattern($0.path).joined(separator: "/"))" })
        try await withSargs { app, _, _, _ in
            for route in app.routes.all where route.path.first?.description == "v1" {
                let key =
                    "\(route.method.rawValue) "
                    + route.path.map { if case .parameter = $0 { ":" } else { $0.description } }
                    .joined(separator: "/")
                #expect(documented.contains(key), "\(key) is registered but not in openapi.yaml")
            }
        }
    }

    @Test(
        """
        Route × caller: 401 without a key, 403 without the permission, never \
        a role refusal with it; purpose-scoped keys refused only for purposes
        """
    )
    func matrix() async throws {
        let operations = try Self.operations().filter { $0.permission != nil }
        #expect(operations.count >= 45)
        try await withSargs { app, context, keys, _ in
            let subject = try await Factory.subject(app, keys)
            let everyPurpose = try await APIKeys.create(
                role: .service, purposes: context.rules.policy.purposes.map(\.id), policy: context.rules.policy,
                actor: "test", audit: context.audit, on: app.db, now: context.clock.now)
            var callers: [(name: String, role: Role?, headers: HTTPHeaders)] = [
                ("admin", .admin, keys.admin), ("dpo", .dpo, keys.dpo), ("agent", .agent, keys.agent),
                (
                    "service (every purpose)", .service,
                    ["Authorization": "Bearer \(everyPurpose.token)", "Content-Type": "application/json"]
                ),
                ("service (marketing)", .service, keys.marketingService),
                ("no key", nil, ["Content-Type": "application/json"]),
            ]
            callers.append(
                ("unknown key", nil, ["Authorization": "Bearer sargs_nosuchkey", "Content-Type": "application/json"]))
            for operation in operations {
                let permission = try #require(operation.permission)
                let path = operation.path.split(separator: "/").map {
                    $0.hasPrefix("{subject") ? subject : $0.hasPrefix("{") ? UUID().uuidString : String($0)
                }
                .joined(separator: "/")
                for caller in callers {
                    let body: ByteBuffer? =
                        [.POST, .PUT, .PATCH].contains(operation.method) ? ByteBuffer(string: "{}") : nil
                    let response = try await app.testing().sendRequest(
                        operation.method, path, headers: caller.headers, body: body)
                    let status = response.status
                    let where_ = "\(operation) as \(caller.name): \(status.code) \(response.body.string)"
                    guard let role = caller.role else {
                        #expect(status == .unauthorized, "\(where_)")
                        continue
                    }
                    if permission.isGranted(to: role) {
                        #expect(status != .unauthorized, "\(where_)")
                        if status == .forbidden {
                            #expect(
                                caller.name == "service (marketing)" && response.body.string.contains("purpose"),
                                "\(where_)")
                        }
                    } else {
                        #expect(status == .forbidden, "\(where_)")
                    }
                }
            }
        }
    }
}

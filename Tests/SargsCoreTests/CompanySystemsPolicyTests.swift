import Foundation
import Testing

@testable import SargsCore

/// The policy's `systems:` (issue 25): processors over OpenDSR and manual systems, checked with
/// file, line and path like the rest of the policy, on two seeds' policies.
@Suite("Policy: company systems")
struct CompanySystemsPolicyTests {
    /// The web shop (seed 003) and Coral Travel's Lithuanian policy (seed 004).
    static let seeds = [
        (file: "examples/web-shop-lv.yaml", recipient: "payment-providers", dataset: "web_shop"),
        (file: "examples/coral-travel/lithuania.yaml", recipient: "service-processors", dataset: "bookings"),
    ]

    /// A certificate issued to the processor's domain, in a temporary file.
    static func certificate(domain: String = "opendsr.mailer.example") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-cert-\(UUID()).pem").path
        try TestProcessor(domain: domain).pem.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func check(_ seed: String, systems: String) throws -> PolicyChecker.Outcome {
        let text = try TestFiles.read(seed) + "\nsystems:\n" + systems
        return PolicyChecker.check(yaml: text, file: TestFiles.root.appendingPathComponent(seed).path)
    }

    static func errors(_ outcome: PolicyChecker.Outcome) -> [Diagnostic] {
        outcome.diagnostics.filter { $0.severity == .error }
    }

    @Test("a processor over OpenDSR and a manual system are accepted on both seeds", arguments: seeds)
    func accepted(seed: (file: String, recipient: String, dataset: String)) throws {
        let outcome = try Self.check(
            seed.file,
            systems: """
                  - id: mailer
                    recipient: \(seed.recipient)
                    opendsr:
                      url: https://opendsr.mailer.example/v2
                      domain: opendsr.mailer.example
                      certificate: \(try Self.certificate())
                      credentials: MAILER_OPENDSR_AUTH
                  - id: paper-archive
                    requests: [access, erasure, restriction]
                    manual:
                      owner: archive@shop.example
                      days: 7
                """)
        #expect(outcome.isValid, "\(outcome.diagnostics.map(\.formatted))")
        let systems = try #require(outcome.policy?.systems)
        #expect(systems[0].handledRequests == [.access, .portability, .erasure])
        #expect(systems[1].handledRequests == [.access, .erasure, .restriction])
    }

    @Test("each mistake is refused with its path and line", arguments: seeds)
    func refused(seed: (file: String, recipient: String, dataset: String)) throws {
        let outcome = try Self.check(
            seed.file,
            systems: """
                  - id: mailer
                    recipient: nobody
                    requests: [rectification]
                    opendsr:
                      url: http://opendsr.mailer.example/v2
                      domain: opendsr.mailer.example
                      certificate: \(try Self.certificate(domain: "opendsr.other.example"))
                      credentials: "Basic dXNlcjpwYXNz"
                  - id: \(seed.dataset)
                    manual:
                      owner: archive@shop.example
                      days: 7
                  - id: nothing
                """)
        let errors = Self.errors(outcome)
        let paths = Set(errors.map(\.path))
        #expect(paths.contains("systems[0].recipient"))
        #expect(paths.contains("systems[0].requests[0]"))
        #expect(paths.contains("systems[0].opendsr.url"))
        #expect(paths.contains("systems[0].opendsr.credentials"))
        #expect(paths.contains("systems[0].opendsr.certificate"))
        #expect(paths.contains("systems[1].id"), "a system named as a dataset")
        #expect(paths.contains("systems[2]"), "neither opendsr nor manual")
        #expect(errors.allSatisfy { $0.location.line > 0 })
        // No credential is repeated back in a message.
        #expect(!errors.contains { $0.message.contains("dXNlcjpwYXNz") })
    }

    @Test("a processor's URL holds no credentials, and is https")
    func urlWithoutCredentials() throws {
        for url in [
            "https://user:secret@opendsr.mailer.example/v2", "https://opendsr.mailer.example/v2?api_key=k",
            "ftp://opendsr.mailer.example/v2",
        ] {
            let outcome = try Self.check(
                "examples/web-shop-lv.yaml",
                systems: """
                      - id: mailer
                        opendsr:
                          url: \(url)
                          domain: opendsr.mailer.example
                          certificate: \(try Self.certificate())
                    """)
            let errors = Self.errors(outcome)
            #expect(errors.map(\.path).contains("systems[0].opendsr.url"), "\(url)")
            #expect(!errors.contains { $0.message.contains("secret") || $0.message.contains("api_key=k") })
        }
    }

    @Test("plain http is allowed on loopback, where a processor's local adapter runs")
    func loopback() throws {
        let outcome = try Self.check(
            "examples/web-shop-lv.yaml",
            systems: """
                  - id: mailer
                    opendsr:
                      url: http://127.0.0.1:9100/v2
                      domain: opendsr.mailer.example
                      certificate: \(try Self.certificate())
                """)
        #expect(outcome.isValid, "\(outcome.diagnostics.map(\.formatted))")
    }

    @Test("an unreadable certificate is refused; a manual system's days out of range fail the structure")
    func files() throws {
        let unreadable = try Self.check(
            "examples/web-shop-lv.yaml",
            systems: """
                  - id: mailer
                    opendsr:
                      url: https://opendsr.mailer.example/v2
                      domain: opendsr.mailer.example
                      certificate: /nonexistent/mailer.pem
                """)
        #expect(Self.errors(unreadable).map(\.path) == ["systems[0].opendsr.certificate"])
        let days = try Self.check(
            "examples/web-shop-lv.yaml",
            systems: """
                  - id: archive
                    manual:
                      owner: archive@shop.example
                      days: 400
                """)
        #expect(Self.errors(days).map(\.path) == ["systems[0].manual.days"])
    }

    @Test("a dataset named twice is refused as a duplicate fides_key; a restriction column must exist")
    func datasetReferences() throws {
        let file = "examples/web-shop-lv.yaml"
        let text = try TestFiles.read(file).replacingOccurrences(
            of: "  - file: datasets/web-shop.yml\n    connection: WEB_SHOP_DATABASE_URL\n",
            with: """
                  - file: datasets/web-shop.yml
                    connection: WEB_SHOP_DATABASE_URL
                    restriction: {collection: customers, field: restricted}
                  - file: datasets/web-shop.yml
                    connection: THIRD_DATABASE_URL
                    restriction: {collection: customers, field: email}
                  - file: datasets/web-shop.yml
                    connection: OTHER_DATABASE_URL
                    restriction: {collection: baskets, field: restricted}

                """)
        let outcome = PolicyChecker.check(yaml: text, file: TestFiles.root.appendingPathComponent(file).path)
        let errors = Self.errors(outcome)
        #expect(errors.contains { $0.code == .duplicateKey && $0.path == "dataset[0].fides_key" })
        #expect(errors.contains { $0.path == "datasets[0].restriction.field" })
        #expect(errors.contains { $0.path == "datasets[1].restriction.field" && $0.message.contains("category") })
        #expect(errors.contains { $0.path == "datasets[2].restriction.collection" })
    }
}

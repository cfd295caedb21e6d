import Foundation
@testable import SargsCore

/// Paths and loaders shared by the tests.
enum TestFiles {
    /// The package root, found from this file's location.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = root.appendingPathComponent("Tests/SargsCoreTests/Fixtures")
    static let golden = root.appendingPathComponent("Tests/SargsCoreTests/Golden")
    static let examples = root.appendingPathComponent("examples")

    /// Every example policy, relative to the package root.
    static var examplePolicies: [String] {
        let enumerator = FileManager.default.enumerator(atPath: examples.path)
        var found: [String] = []
        while let item = enumerator?.nextObject() as? String {
            if item.hasSuffix(".yaml") { found.append("examples/" + item) }
        }
        return found.sorted()
    }

    static var invalidFixtures: [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("invalid").path))
            ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Loads and checks a policy file, returning it only when valid.
    static func validPolicy(_ relativePath: String) throws -> Policy {
        let outcome = PolicyChecker.check(yaml: try read(relativePath), file: relativePath)
        guard outcome.isValid, let policy = outcome.policy else {
            throw TestFailure(outcome.diagnostics.map(\.formatted).joined(separator: "\n"))
        }
        return policy
    }

    /// A policy built from the fixture base with textual replacements.
    static func variant(_ replacements: [(String, String)]) throws -> PolicyChecker.Outcome {
        var text = try read("Tests/SargsCoreTests/Fixtures/base.yaml")
        for (old, new) in replacements {
            guard text.contains(old) else { throw TestFailure("base.yaml does not contain \(old)") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return PolicyChecker.check(yaml: text, file: "variant.yaml")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

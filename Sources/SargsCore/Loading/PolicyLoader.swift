import Foundation
import Yams

/// The outcome of loading a policy file: the typed policy when its structure is sound,
/// every finding, and the map from paths to positions.
public struct PolicyLoadResult: Sendable {
    public var policy: Policy?
    public var diagnostics: [Diagnostic]
    public var sourceMap: SourceMap
}

/// Reads `sargs.yaml` files.
public enum PolicyLoader {
    /// Loads, structurally checks and decodes a policy from YAML text.
    /// Semantic rules are not applied here; see `PolicyValidator`.
    public static func load(yaml: String, file: String) -> PolicyLoadResult {
        let emptyMap = SourceMap(file: file, entries: [])
        let node: Node
        do {
            // The basic resolver skips Yams' regular-expression tag resolution: the schema walk
            // converts every scalar by its declared type, so tags are never needed.
            guard let composed = try Yams.compose(yaml: yaml, .basic) else {
                let diagnostic = Diagnostic(
                    .error, .missingKey, at: SourceLocation(file: file, line: 1, column: 1),
                    path: "", message: "the file is empty",
                    hint: "start from examples/minimal.yaml")
                return PolicyLoadResult(policy: nil, diagnostics: [diagnostic], sourceMap: emptyMap)
            }
            node = composed
        } catch {
            return PolicyLoadResult(policy: nil, diagnostics: [yamlDiagnostic(error, file: file)], sourceMap: emptyMap)
        }
        // About one node per line of YAML; reserving avoids regrowing the table.
        var walker = SchemaWalker(file: file, expectedNodes: yaml.utf8.count / 24)
        let json = walker.walkRoot(node, PolicySchema.root)
        let sourceMap = walker.sourceMap
        var diagnostics = walker.diagnostics
        // Unknown keys are reported but do not block decoding, so semantic checks still run.
        let blocking = diagnostics.contains { $0.code != .unknownKey }
        guard !blocking, let json else {
            return PolicyLoadResult(policy: nil, diagnostics: diagnostics, sourceMap: sourceMap)
        }
        do {
            let policy = try JSONValueDecoder.decode(Policy.self, from: json)
            return PolicyLoadResult(policy: policy, diagnostics: diagnostics, sourceMap: sourceMap)
        } catch {
            diagnostics.append(
                Diagnostic(
                    .error, .wrongType, at: sourceMap.location(of: ""), path: "",
                    message: "the policy could not be decoded: \(error)"))
            return PolicyLoadResult(policy: nil, diagnostics: diagnostics, sourceMap: sourceMap)
        }
    }

    /// Loads a policy file from disk.
    public static func load(contentsOf path: String) -> PolicyLoadResult {
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return load(yaml: text, file: path)
        } catch {
            let diagnostic = Diagnostic(
                .error, .yamlSyntax, at: SourceLocation(file: path, line: 1, column: 1),
                path: "", message: "cannot read the file: \(error.localizedDescription)")
            return PolicyLoadResult(
                policy: nil, diagnostics: [diagnostic], sourceMap: SourceMap(file: path, entries: []))
        }
    }

    static func yamlDiagnostic(_ error: any Error, file: String) -> Diagnostic {
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
            YamlError.parser(let context, let problem, let mark, _),
            YamlError.composer(let context, let problem, let mark, _):
            let message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return Diagnostic(
                .error, .yamlSyntax, at: SourceLocation(file: file, line: mark.line, column: mark.column),
                path: "", message: "YAML syntax error: \(message)",
                hint: "check indentation and quoting near this position")
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            let mark = context.mark
            return Diagnostic(
                .error, .duplicateKey, at: SourceLocation(file: file, line: mark.line, column: mark.column),
                path: "",
                message:
                    """
                    duplicate key\(duplicates.count == 1 ? "" : "s") \
                    \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping
                    """,
                hint: "each key may appear once; merge or rename the entries")
        default:
            return Diagnostic(
                .error, .yamlSyntax, at: SourceLocation(file: file, line: 1, column: 1), path: "",
                message: "YAML error: \(error)")
        }
    }
}

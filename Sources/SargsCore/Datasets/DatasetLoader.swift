import Foundation
import Yams

/// A dataset file loaded: its datasets when the structure is sound, every finding with its
/// position, and the map from paths to positions the validator reports through.
public struct DatasetLoadResult: Sendable {
    public var file: FidesDatasetFile?
    public var diagnostics: [Diagnostic]
    public var sourceMap: SourceMap
}

/// Reads fideslang dataset files with the policy's loader: the same positions, the same codes.
public enum DatasetLoader {
    public static func load(yaml: String, file: String) -> DatasetLoadResult {
        let emptyMap = SourceMap(file: file, entries: [])
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml, .basic) else {
                let diagnostic = Diagnostic(
                    .error, .missingKey, at: SourceLocation(file: file, line: 1, column: 1), path: "",
                    message: "the dataset file is empty", hint: "a fideslang file starts with `dataset:`")
                return DatasetLoadResult(file: nil, diagnostics: [diagnostic], sourceMap: emptyMap)
            }
            node = composed
        } catch {
            return DatasetLoadResult(
                file: nil, diagnostics: [PolicyLoader.yamlDiagnostic(error, file: file)], sourceMap: emptyMap)
        }
        var walker = SchemaWalker(file: file, expectedNodes: yaml.utf8.count / 24)
        let json = walker.walkRoot(node, DatasetSchema.root)
        let sourceMap = walker.sourceMap
        // Fides keys Sargs does not use are warnings: a Fides user's file loads as it is.
        let diagnostics = walker.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.code == .unknownKey { diagnostic.severity = .warning }
            return diagnostic
        }
        guard !diagnostics.hasErrors, let json else {
            return DatasetLoadResult(file: nil, diagnostics: diagnostics, sourceMap: sourceMap)
        }
        do {
            let decoded = try JSONValueDecoder.decode(FidesDatasetFile.self, from: json)
            return DatasetLoadResult(file: decoded, diagnostics: diagnostics, sourceMap: sourceMap)
        } catch {
            let diagnostic = Diagnostic(
                .error, .wrongType, at: sourceMap.location(of: ""), path: "",
                message: "the dataset file could not be decoded: \(error)")
            return DatasetLoadResult(file: nil, diagnostics: diagnostics + [diagnostic], sourceMap: sourceMap)
        }
    }

    /// Loads a dataset file from disk; a file that cannot be read is one error at its first line.
    public static func load(contentsOf path: String) -> DatasetLoadResult {
        do {
            return load(yaml: try String(contentsOfFile: path, encoding: .utf8), file: path)
        } catch {
            let diagnostic = Diagnostic(
                .error, .yamlSyntax, at: SourceLocation(file: path, line: 1, column: 1), path: "",
                message: "cannot read the dataset file: \(error.localizedDescription)")
            return DatasetLoadResult(
                file: nil, diagnostics: [diagnostic], sourceMap: SourceMap(file: path, entries: []))
        }
    }
}

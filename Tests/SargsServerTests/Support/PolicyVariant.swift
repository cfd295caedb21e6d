import Foundation
import Testing

/// An example policy with one passage replaced, written to a temporary file for one test.
struct PolicyVariant {
    let directory = TestEnvironment.temporaryDirectory("sargs-policy")
    let path: String

    /// Writes `example` (a path in the repository) with `old` replaced by `new`; `old` must occur in it.
    init(
        _ example: String, replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let text = try String(contentsOfFile: TestEnvironment.path(example), encoding: .utf8)
        #expect(
            text.contains(old), "\(example) does not contain the passage to replace", sourceLocation: sourceLocation)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent((example as NSString).lastPathComponent).path
        // The dataset files the example names stay where they are: their paths become absolute.
        let exampleDirectory = URL(fileURLWithPath: TestEnvironment.path(example)).deletingLastPathComponent()
        let variant = text.replacingOccurrences(of: old, with: new).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .map { line -> String in
            guard let range = line.range(of: "- file: "), !line[range.upperBound...].hasPrefix("/") else {
                return String(line)
            }
            let file = exampleDirectory.appendingPathComponent(String(line[range.upperBound...])).standardized.path
            return String(line[..<range.upperBound]) + file
        }
        try variant.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Replaces the file's whole text.
    func write(_ text: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Removes the file.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

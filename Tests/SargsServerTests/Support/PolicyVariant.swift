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
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
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

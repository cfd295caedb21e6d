import ArgumentParser
import Foundation
import SargsServer

/// `sargs subjects erase`: a batch erasure job.
struct SubjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "subjects", abstract: "Batch jobs over data subjects.",
                                                    subcommands: [Erase.self])

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "Erase the subjects listed in a file (one id per line): what the law requires is kept and restricted, the rest crypto-shredded.")

        @OptionGroup var installation: InstallationOptions

        @Option(help: "A file with one subject id (UUID) per line; blank lines and lines starting with # are skipped.")
        var file: String

        func run() async throws {
            try await reportingAsyncFailures {
                let ids = try Self.readIDs(file)
                let started = Date()
                let summary = try await ServerOperations.eraseSubjects(try installation.configuration(), ids: ids)
                let seconds = Date().timeIntervalSince(started)
                Output.standardOutput("""
                erased \(ids.count) subject(s) in \(String(format: "%.1f", seconds)) s: \(summary.shredded) crypto-shredded, \
                \(summary.partial) kept in part under restriction, \(summary.alreadyErased) already erased, \(summary.notFound) not found

                """)
            }
        }

        /// The ids of the file; a bad line is named with its number.
        static func readIDs(_ path: String) throws -> [UUID] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CommandFailure("\(path): cannot be read") }
            var ids: [UUID] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                guard let id = UUID(uuidString: trimmed) else { throw CommandFailure("\(path):\(index + 1): '\(trimmed.prefix(40))' is not a subject id (UUID)") }
                ids.append(id)
            }
            return ids
        }
    }
}

import ArgumentParser
import Foundation
import SargsServer

/// `sargs subjects …`: batch jobs over data subjects (import, erase, tombstones).
struct SubjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subjects", abstract: "Batch jobs over data subjects.",
        subcommands: [ImportCommand.self, Erase.self, Tombstones.self, Replay.self])

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract:
                """
                Erase the subjects listed in a file (one id per line): what the \
                law requires is kept and restricted, the rest crypto-shredded.
                """
        )

        @OptionGroup var installation: InstallationOptions

        @Option(help: "A file with one subject id (UUID) per line; blank lines and lines starting with # are skipped.")
        var file: String

        func run() async throws {
            try await reportingAsyncFailures {
                let ids = try Self.readIDs(file)
                let started = Date()
                let summary = try await ServerOperations.eraseSubjects(try installation.configuration(), ids: ids)
                let seconds = Date().timeIntervalSince(started)
                Output.standardOutput(
                    """
                    erased \(ids.count) subject(s) in \(String(format: "%.1f", seconds)) s: \(summary.shredded) \
                    crypto-shredded, \(summary.partial) kept in part under restriction, \(summary.alreadyErased) \
                    already erased, \(summary.notFound) not found

                    """)
                for dataset in summary.datasets {
                    let failed =
                        dataset.failedGroups > 0
                        ? "; \(dataset.failedGroups) group(s) failed, carried out by the next erasure or retention run"
                        : ""
                    Output.standardOutput(
                        "dataset \(dataset.dataset): \(dataset.rows) row(s) emptied or deleted\(failed)\n")
                }
            }
        }

        /// The ids of the file (its first column); a bad line is named with its number.
        static func readIDs(_ path: String) throws -> [UUID] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw CommandFailure("\(path): cannot be read")
            }
            var ids: [UUID] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed =
                    line.split(separator: " ").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                guard let id = UUID(uuidString: trimmed) else {
                    throw CommandFailure("\(path):\(index + 1): '\(trimmed.prefix(40))' is not a subject id (UUID)")
                }
                ids.append(id)
            }
            return ids
        }
    }

    struct Tombstones: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tombstones",
            abstract:
                """
                Print the ids of crypto-shredded subjects (id and time, \
                no personal data); keep the list apart from backups.
                """
        )

        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            try await reportingAsyncFailures {
                for (id, erasedAt) in try await ServerOperations.tombstones(try installation.configuration()) {
                    Output.standardOutput("\(id.uuidString.lowercased()) \(erasedAt.formatted(.iso8601))\n")
                }
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay-tombstones",
            abstract:
                """
                After restoring a backup: crypto-shred again every subject \
                in a tombstone list (from `sargs subjects tombstones`).
                """
        )

        @OptionGroup var installation: InstallationOptions

        @Option(help: "The tombstone list: one subject id per line, optionally followed by a space and the time.")
        var file: String

        func run() async throws {
            try await reportingAsyncFailures {
                let ids = try Erase.readIDs(file)
                let shredded = try await ServerOperations.replayTombstones(try installation.configuration(), ids: ids)
                Output.standardOutput(
                    "replayed \(ids.count) tombstone(s): \(shredded) restored subject(s) crypto-shredded again\n")
            }
        }
    }
}

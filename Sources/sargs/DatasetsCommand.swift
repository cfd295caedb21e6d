import ArgumentParser
import Foundation
import SargsCore
import SargsServer

/// `sargs datasets …`: the company's own databases.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets", abstract: "Inspect the company's own databases.",
        subcommands: [Scan.self, Probe.self])

    /// `sargs datasets probe`: the connectors' work for a list of addresses, timed; counts only.
    struct Probe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "probe",
            abstract: "Time finding (and, with --erase, erasing) each listed subject's rows in a database.",
            discussion: """
                For each e-mail address in --emails (one per line), runs what a request runs: the search from \
                the address through the dataset's references and, with --erase, the erasure of every personal \
                field in one transaction. Prints rows found, rows changed and the time per address as \
                percentiles; never a value. --erase changes the database: use it on a copy.
                """)

        @Argument(help: "The database (a URL, or the name of an environment variable holding it).")
        var database: String

        @Option(help: "The fideslang dataset file that describes the database.")
        var dataset: String

        @Option(help: "A file of e-mail addresses, one per line.")
        var emails: String

        @Flag(help: "Erase what is found (every personal field; keys and references stay).")
        var erase = false

        func run() async throws {
            let url = ProcessInfo.processInfo.environment[database] ?? database
            guard let text = try? String(contentsOfFile: emails, encoding: .utf8) else {
                Output.standardError("error: --emails: cannot read \(emails)")
                throw ExitCode(2)
            }
            let addresses = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
            do {
                let results = try await DatasetProbe.run(
                    url: url, datasetFile: dataset, emails: addresses, erase: erase)
                let times = results.map(\.seconds).sorted()
                func percentile(_ p: Double) -> String {
                    guard !times.isEmpty else { return "-" }
                    let value = times[min(times.count - 1, Int(Double(times.count) * p))]
                    return String(format: "%.1f ms", value * 1000)
                }
                print("subjects: \(results.count)")
                let (found, changed) = (results.map(\.rows).reduce(0, +), results.map(\.changed).reduce(0, +))
                print("rows found: \(found), changed: \(changed)")
                print("time per subject: p50 \(percentile(0.5)), p90 \(percentile(0.9)), p99 \(percentile(0.99))")
            } catch let failure as DatasetProbe.Failure {
                Output.standardError("error: \(failure.description)")
                throw ExitCode(2)
            }
        }
    }

    /// `sargs datasets scan`: columns that look personal and are not declared in any dataset file.
    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "List the columns of a database that look personal and no dataset file declares.",
            discussion: """
                Reads the schema and at most --sample rows of each table, in memory: values are never printed or \
                stored, only the reason a column looks personal. Read-only (SELECT only).
                Exit status: 0 when every personal-looking column is declared, 1 when some are not (so a CI job \
                fails when a new personal column appears), 2 when the scan could not be made.
                """)

        @Argument(
            help: """
                The database: postgres://…, sqlite:///absolute/path or sqlite:relative/path, or the name of an \
                environment variable holding it (e.g. SHOP_DATABASE_URL, which keeps credentials out of the shell \
                history).
                """)
        var database: String

        @Option(
            name: .customLong("dataset"), help: "A fideslang dataset file whose fields count as declared (repeatable).")
        var datasets: [String] = []

        @Option(help: "A policy whose datasets count as declared (its dataset files are checked first).")
        var policy: String?

        @Option(help: "The most rows read from each table.")
        var sample: Int = 1_000

        @Option(help: "text or json.")
        var format: String = "text"

        @Option(help: "Write a draft fideslang dataset file for the whole database here.")
        var draft: String?

        @Option(help: "The fides_key of the drafted dataset.")
        var name: String = "database"

        func run() async throws {
            guard ["text", "json"].contains(format) else {
                Output.standardError("error: --format: must be text or json")
                throw ExitCode(2)
            }
            guard (1...100_000).contains(sample) else {
                Output.standardError("error: --sample: must be between 1 and 100000 rows")
                throw ExitCode(2)
            }
            let undeclared: [ColumnFinding]
            let declaredCount: Int
            do {
                var declared = DeclaredFields()
                var files = datasets
                if let policy { files += try Self.datasetFiles(of: policy) }
                for file in files {
                    let text: String
                    do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                        throw DatasetFileError(file: file, problem: "cannot be read")
                    }
                    try declared.read(yaml: text, file: file)
                }
                let scan = try await DatabaseScanner.scan(url: Self.resolve(database), sampleRows: sample)
                undeclared = scan.findings.filter { !declared.contains(table: $0.table, column: $0.column) }
                declaredCount = scan.findings.count - undeclared.count
                if let draft {
                    let yaml = DatasetDraft.yaml(fidesKey: name, tables: scan.tables, findings: scan.findings)
                    do { try yaml.write(toFile: draft, atomically: true, encoding: .utf8) } catch {
                        throw DatasetFileError(file: draft, problem: "cannot be written")
                    }
                }
            } catch let error as DatasetFileError {
                Output.standardError("error: \(error.description)")
                throw ExitCode(2)
            } catch let error as DatabaseScanError {
                Output.standardError("error: \(error.description)")
                throw ExitCode(2)
            } catch {
                // Driver errors name the host and the cause, never the password of the URL.
                Output.standardError("error: the database could not be scanned: \(String(reflecting: error))")
                throw ExitCode(2)
            }
            Output.standardOutput(
                format == "json"
                    ? try Self.json(undeclared, declared: declaredCount)
                    : Self.text(undeclared, declared: declaredCount))
            if !undeclared.isEmpty { throw ExitCode(1) }
        }

        /// The dataset files a policy names, resolved beside it; a policy with errors stops the scan.
        static func datasetFiles(of path: String) throws -> [String] {
            let outcome = PolicyChecker.check(contentsOf: path)
            guard outcome.isValid, let policy = outcome.policy else {
                for diagnostic in outcome.diagnostics.errors { Output.standardError(diagnostic.formatted + "\n") }
                throw DatasetFileError(file: path, problem: "the policy has errors (above)")
            }
            return (policy.datasets ?? []).map { $0.path(besidePolicy: path) }
        }

        /// The URL itself, or the value of the environment variable it names.
        static func resolve(_ database: String) throws -> String {
            guard DatasetReference.isEnvironmentName(database) else {
                return database
            }
            guard let value = ProcessInfo.processInfo.environment[database], !value.isEmpty else {
                throw DatabaseScanError(description: "the environment variable \(database) is not set")
            }
            return value
        }

        static func text(_ undeclared: [ColumnFinding], declared: Int) -> String {
            guard !undeclared.isEmpty else {
                return "Every column that looks personal is declared (\(declared) declared).\n"
            }
            var text =
                "\(undeclared.count) column\(undeclared.count == 1 ? "" : "s") look personal and no dataset declares "
                + "\(undeclared.count == 1 ? "it" : "them") (\(declared) declared):\n"
            for finding in undeclared.sorted(by: {
                ($0.confidence, $1.table, $1.column) > ($1.confidence, $0.table, $0.column)
            }) {
                text +=
                    """
                      \(finding.table).\(finding.column)  \(finding.category)  \
                    \(finding.confidence.rawValue): \(finding.reason)\n
                    """
            }
            return text
        }

        static func json(_ undeclared: [ColumnFinding], declared: Int) throws -> String {
            struct Report: Encodable {
                var undeclared: [ColumnFinding]
                var declared: Int
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(
                decoding: try encoder.encode(Report(undeclared: undeclared, declared: declared)), as: UTF8.self) + "\n"
        }
    }
}

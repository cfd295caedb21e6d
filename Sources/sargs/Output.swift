import ArgumentParser
import Foundation
import SargsCore
import SargsKit
import SargsServer

/// Writing results to standard output, standard error or a file.
enum Output {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Rewrites the current line of standard error (a progress line on a terminal).
    static func standardErrorInPlace(_ text: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes to `path`, or to standard output when no path is given.
    static func write(_ text: String, to path: String?) throws {
        guard let path else { return standardOutput(text) }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Loads and checks a policy; prints findings and fails when it has errors.
    static func validPolicy(at path: String) throws -> Policy {
        let outcome = PolicyChecker.check(contentsOf: path)
        guard outcome.isValid, let policy = outcome.policy else {
            for diagnostic in outcome.diagnostics { standardError(diagnostic.formatted) }
            throw CommandFailure(
                "\(path) has \(outcome.diagnostics.errors.count) error(s); run `sargs policy check \(path)`")
        }
        return policy
    }
}

/// A failure with a message for the person at the terminal; exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        self.description = message
    }
}

/// Runs a command body, turning domain failures into a message on standard error and exit status 1.
func reportingFailures(_ body: () throws -> Void) throws {
    do { try body() } catch { try report(error) }
}

/// The async form of `reportingFailures`.
func reportingAsyncFailures(_ body: () async throws -> Void) async throws {
    do { try await body() } catch { try report(error) }
}

/// Prints an error the person at the terminal can act on and exits 1; rethrows anything else.
private func report(_ error: any Error) throws -> Never {
    let message: String
    switch error {
    case let failure as CommandFailure: message = failure.description
    case let failure as NoticeStrings.LoadError: message = failure.description
    case let failure as ConfigurationError: message = failure.description
    case let failure as StartupFailure: message = failure.description
    case let failure as MailFileError: message = failure.description
    case let failure as VaultError: message = "\(failure.description); refusing to start"
    case let failure as APIKeys.KeyError: message = failure.description
    case let failure as StaffAccounts.AccountError: message = failure.description
    case let failure as DomainError:
        message = failure.field.map { "\($0): \(failure.description)" } ?? failure.description
    default: throw error
    }
    Output.standardError("error: \(message)")
    throw ExitCode(1)
}

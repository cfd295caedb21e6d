import Crypto
import Fluent
import Foundation
import SargsCore
import SargsKit

/// `sargs subjects import FILE.jsonl`: subjects brought from another system with their facts and
/// original dates, one per line. Each line goes through the same checks and sealing as the API
/// (`SubjectService.prepare`, `ConsentService.event`, `FactService.relationship` and
/// `objections`); valid lines are written a chunk per transaction with multi-row inserts, and
/// the number of the last line written is committed with each chunk, so an interrupted import
/// resumes after it when started again on the same file.
public struct SubjectImport: Sendable {
    /// The services whose checks an import line passes, as the API's calls do.
    let subjects: SubjectService
    let consents: ConsentService
    let facts: FactService
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let actor: String

    /// A line that was not imported, and why.
    public struct Refusal: Sendable, Equatable {
        public var line: Int
        public var field: String?
        public var detail: String
    }

    /// What an import did.
    public struct Summary: Sendable {
        /// Subjects written by this run.
        public var imported = 0
        /// Lines refused (skipped, or the reason nothing was written with all-or-nothing).
        public var refused: [Refusal] = []
        /// The line after which this run started, when an earlier run on the same file had written up to it.
        public var resumedAfter: Int?
        /// Whether nothing was written because some line was refused (all-or-nothing).
        public var rolledBack = false
    }

    /// One line ready to insert.
    struct Prepared {
        var subject: SubjectService.PreparedSubject
        var consents: [ConsentEventModel] = []
        var relationships: [RelationshipModel] = []
        var objections: [ObjectionModel] = []
        var audit: [AuditChain.Draft] = []
    }

    /// Lines per transaction.
    static let chunkSize = 500
    /// The setting that remembers, per file content, the last line written.
    static func progressSetting(_ file: Data) -> String {
        "import." + SHA256.hash(data: file).prefix(16).hex
    }

    /// Imports the lines of `file`. With `allOrNothing`, every line is checked first and nothing
    /// is written if any is refused; otherwise refused lines are reported and skipped.
    /// - Parameter progress: told the number of lines done after each chunk.
    func run(
        _ file: Data, allOrNothing: Bool, on database: any Database,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> Summary {
        let lines = Self.lines(of: file)
        let setting = Self.progressSetting(file)
        var summary = Summary()
        let done = Int(try await Setting.find(setting, on: database)?.value ?? "") ?? 0
        if done > 0 { summary.resumedAfter = done }
        let pending = lines.filter { $0.number > done }
        if allOrNothing {
            // Every line is checked (and sealed) first; the chunks then written are those same ones.
            var checked: [(lines: [Prepared], last: Int)] = []
            for chunk in pending.chunked(by: Self.chunkSize) {
                let (accepted, refused) = try await prepare(chunk, on: database)
                summary.refused += refused
                checked.append((accepted, chunk.last!.number))
            }
            if !summary.refused.isEmpty {
                summary.rolledBack = true
                return summary
            }
            for (lines, last) in checked {
                try await write(lines, through: last, setting: setting, on: database)
                summary.imported += lines.count
                progress?(last)
            }
            return summary
        }
        for chunk in pending.chunked(by: Self.chunkSize) {
            let (prepared, refused) = try await prepare(chunk, on: database)
            summary.refused += refused
            let last = chunk.last!.number
            try await write(prepared, through: last, setting: setting, on: database)
            summary.imported += prepared.count
            progress?(last)
        }
        return summary
    }

    /// Writes one chunk's subjects with their facts and audit entries, and that the file was
    /// written through line `last`, in one transaction.
    func write(_ prepared: [Prepared], through last: Int, setting: String, on database: any Database) async throws {
        // The checks ran before this transaction: a subject created meanwhile through the API with
        // the same address is refused by the unique indexes, and the chunk with it.
        let rows = Self.rows(prepared)
        let drafts = prepared.flatMap(\.audit)
        try await SubjectQueries.uniqueContacts {
            try await store.write(on: database) { database in
                let sql = try JobLease.sql(database)
                for insertion in rows { try await insertion.run(on: sql) }
                try await Setting.put(setting, String(last), on: database)
                // Imported data keeps its old dates: the next retention run shows what it would do and asks first.
                try await Setting.query(on: database).filter(\.$id == RetentionService.confirmedRulesSetting).delete()
                return ((), drafts)
            }
        }
    }

    /// The non-blank lines of the file with their numbers (1-based).
    static func lines(of file: Data) -> [(number: Int, text: Data)] {
        var result: [(Int, Data)] = []
        var number = 0
        for line in file.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) {
                continue
            }
            result.append((number, Data(line)))
        }
        return result
    }

    /// Checks and seals a chunk of lines; a line whose e-mail address, phone number or external
    /// reference is already taken (in the database or earlier in the chunk) is refused.
    func prepare(
        _ chunk: [(number: Int, text: Data)], on database: any Database
    ) async throws -> (accepted: [Prepared], refused: [Refusal]) {
        var prepared: [(Int, Prepared)] = []
        var refused: [Refusal] = []
        for (number, text) in chunk {
            do {
                prepared.append((number, try prepare(try ImportLine.decode(text))))
            } catch let problem as ImportProblem {
                refused.append(Refusal(line: number, field: problem.field, detail: problem.detail))
            } catch let error as DomainError {
                refused.append(Refusal(line: number, field: error.field, detail: error.description))
            }
        }
        let subjects = prepared.map(\.1.subject.subject)
        let taken = try await Self.taken(
            emails: subjects.compactMap(\.emailIndex), phones: subjects.compactMap(\.phoneIndex),
            references: subjects.compactMap(\.externalRef), on: database)
        var seen = (emails: taken.emails, phones: taken.phones, references: taken.references)
        var accepted: [Prepared] = []
        for (number, line) in prepared {
            let subject = line.subject.subject
            let clash: String? =
                if let index = subject.emailIndex, !seen.emails.insert(index).inserted {
                    "data.\(ContactValue.emailCategory)"
                } else if let index = subject.phoneIndex, !seen.phones.insert(index).inserted {
                    "data.\(ContactValue.phoneCategory)"
                } else if let reference = subject.externalRef, !seen.references.insert(reference).inserted {
                    "external_ref"
                } else {
                    nil
                }
            if let clash {
                refused.append(Refusal(line: number, field: clash, detail: "another subject already has this value"))
            } else {
                accepted.append(line)
            }
        }
        return (accepted, refused.sorted { $0.line < $1.line })
    }

    /// One line checked and sealed, with its facts: the same checks as the API, fields named from the line.
    func prepare(_ line: ImportLine) throws -> Prepared {
        let rules = ruleSource.current
        var result = Prepared(subject: try subjects.prepare(try line.subject.command(), actor: actor))
        let subject = result.subject.subject
        let id = result.subject.id
        result.audit.append(result.subject.audit)
        for (index, body) in line.consents.enumerated() {
            let (event, draft) = try consents.event(
                try body.command(field: "consents[\(index)]."), for: subject, actor: actor)
            result.consents.append(event)
            result.audit.append(draft)
        }
        let now = serverClock.now
        for (index, body) in line.relationships.enumerated() {
            let field = "relationships[\(index)]."
            // An imported relationship is a past fact: it started neither in the future nor before the
            // data was collected (its end may lie ahead, a fixed term).
            _ = try FactTime(body.start, field: field + "start", now: now, collectedAt: subject.createdAt)
            var (relationship, draft) = try facts.relationship(body.command(field: field), subject: id, actor: actor)
            draft.result = "ok:imported"
            result.relationships.append(relationship)
            result.audit.append(draft)
        }
        if let at = line.lastTransactionAt {
            subject.lastTransactionAt = try FactTime(
                at, field: "last_transaction_at", now: now, collectedAt: subject.createdAt
            ).moment
            result.audit.append(
                AuditChain.Draft(
                    time: now, actor: actor, action: .transactionRecord, subjectID: id, result: "ok:imported"))
        }
        for (index, body) in line.objections.enumerated() {
            let field = "objections[\(index)]."
            if let purpose = body.purpose, rules.policy.purpose(purpose) == nil {
                throw DomainError.invalid(field + "purpose", "purpose '\(purpose)' is not declared in the policy")
            }
            let time = try FactTime(body.at, field: field + "at", now: now, collectedAt: subject.createdAt)
            let (objections, draft) = FactService.objections(
                [.init(purpose: body.purpose, directMarketing: body.directMarketing ?? false)],
                subject: id, since: time.moment, actor: actor,
                origin: time.imported ? "imported" : nil, at: now)
            result.objections += objections
            result.audit.append(draft)
        }
        return result
    }

    /// The blind indexes and external references among these that a stored subject already has.
    static func taken(
        emails: [String], phones: [String], references: [String],
        on database: any Database
    ) async throws -> (emails: Set<String>, phones: Set<String>, references: Set<String>) {
        async let email =
            emails.isEmpty
            ? [] : SubjectModel.query(on: database).filter(\.$emailIndex ~~ emails).field(\.$emailIndex).all()
        async let phone =
            phones.isEmpty
            ? [] : SubjectModel.query(on: database).filter(\.$phoneIndex ~~ phones).field(\.$phoneIndex).all()
        async let reference =
            references.isEmpty
            ? []
            : SubjectModel.query(on: database).filter(\.$externalRef ~~ references).field(\.$externalRef).all()
        return (
            Set(try await email.compactMap(\.emailIndex)), Set(try await phone.compactMap(\.phoneIndex)),
            Set(try await reference.compactMap(\.externalRef))
        )
    }

    /// The lines' rows as values, one multi-row insertion per table (`BulkInsertable`, run within the
    /// parameter limits of both databases), parents first.
    static func rows(_ lines: [Prepared]) -> [RowInsertion] {
        [
            RowInsertion(lines.map(\.subject.subject)), RowInsertion(lines.flatMap(\.subject.items)),
            RowInsertion(lines.flatMap(\.consents)), RowInsertion(lines.flatMap(\.relationships)),
            RowInsertion(lines.flatMap(\.objections)),
        ].filter { !$0.rows.isEmpty }
    }

}

import Foundation
import SargsCore
import SargsKit

extension RecordBreachBody {
    func command() -> RecordBreach {
        RecordBreach(
            discoveredAt: discoveredAt, nature: nature, categories: categories,
            approximateSubjects: approximateSubjects, approximateRecords: approximateRecords,
            consequences: consequences, measures: measures, subjectIDs: subjectIDs ?? [])
    }
}

extension AssessBreachBody {
    func command() throws -> AssessBreach {
        AssessBreach(highRisk: highRisk, exception: try AssessBreach.exception(exception))
    }
}

extension AssessBreach {
    /// An Art. 34(3) exception as the API and the console's form name it.
    static func exception(_ raw: String?) throws -> BreachSubjectsException? {
        guard let raw else { return nil }
        guard let value = BreachSubjectsException(rawValue: raw) else {
            throw DomainError.invalid(
                "exception",
                "must be one of \(BreachSubjectsException.allCases.map(\.rawValue).joined(separator: ", "))"
                    + " (Art. 34(3))"
            )
        }
        return value
    }

    /// What the assessment's audit entry records.
    func auditOutcome(subjectsTold: Int?) -> String {
        if let subjectsTold { return "subjects_told=\(subjectsTold)" }
        return exception.map { "exception=\($0.rawValue)" } ?? "low_risk"
    }
}

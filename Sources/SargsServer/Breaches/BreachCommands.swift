import Foundation
import SargsCore

/// Record a breach as the privacy officer first knows it (Art. 33(5): the register).
struct RecordBreach: Sendable {
    var discoveredAt: Date
    var nature: String
    var categories: [String]
    var approximateSubjects: Int
    var approximateRecords: Int
    var consequences: String
    var measures: String
    /// Subjects known to be affected (told under Art. 34 if the risk is high).
    var subjectIDs: [UUID] = []
}

/// The Art. 34 assessment: a high risk means telling the subjects unless an Art. 34(3) exception applies.
struct AssessBreach: Sendable {
    var highRisk: Bool
    var exception: BreachSubjectsException?
}

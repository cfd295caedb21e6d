import SargsKit

/// Every feature's `SubjectDataOwner`, in the order erasure walks them. A feature that keeps
/// rows about subjects adds its owner here; `SubjectDataOwnerTests` fails on a table with a
/// `subject_id` column that nobody owns.
enum SubjectDataRegistry {
    static let all: [any SubjectDataOwner] = [
        ConsentSubjectData(), RecordSubjectData(), ConsentSessionSubjectData(), RequestSubjectData(),
    ]
}

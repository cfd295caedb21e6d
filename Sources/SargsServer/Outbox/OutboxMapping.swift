import SargsKit

/// A message's kind as the failures list, the audit and the metrics name it.
extension Outbox.Kind: AuditResultPart {}

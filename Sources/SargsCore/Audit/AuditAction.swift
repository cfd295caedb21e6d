/// Every action the audit chain records, named `<thing>.<verb>` in lower snake case.
///
/// The raw value is what the chain stores and hashes; a new action is added here, never written
/// as a free string. `docs/server.md` lists them with their meaning.
public enum AuditAction: String, Sendable, Hashable, Codable, CaseIterable {
    case subjectCreate = "subject.create"
    case subjectRead = "subject.read"
    case subjectUpdate = "subject.update"
    case subjectRectify = "subject.rectify"
    case subjectErase = "subject.erase"

    case consentGiven = "consent.given"
    case consentWithdrawn = "consent.withdrawn"
    case consentRead = "consent.read"
    /// The subject was asked to renew a consent nearing its maximum period.
    case consentRenewalReminder = "consent.renewal_reminder"
    /// A one-time code was sent to confirm a pending consent.
    case consentCodeSent = "consent.code_sent"
    /// A code was entered for a pending consent (`ok`, or `denied:` with the reason).
    case consentCodeConfirm = "consent.code_confirm"

    case relationshipAdd = "relationship.add"
    /// An accounting record about the subject was made (an invoice, a payment): accounting retention counts from its
    /// year.
    case transactionRecord = "transaction.record"
    /// A file came with a request (the signed request, a letter), stored sealed.
    case requestAttach = "request.attach"
    /// Staff opened a request's attached file.
    case requestAttachmentRead = "request.attachment_read"
    /// The Art. 14 notice was sent to a subject whose data was obtained elsewhere (or recorded as posted).
    case subjectNoticeSent = "subject.notice_sent"
    /// A visitor's cookie-banner choice was recorded (no subject; the kinds allowed in the result).
    case cookieChoiceRecord = "banner.choice"
    /// The retention run deleted banner choices older than the policy's `cookies.choice_retention`.
    case cookieChoicesExpire = "banner.choices_expire"
    case objectionAdd = "objection.add"
    case restrictionAdd = "restriction.add"
    case restrictionLift = "restriction.lift"

    case disclosureRecord = "disclosure.record"
    case holdAdd = "hold.add"
    case holdRelease = "hold.release"
    case recipientSetEndpoint = "recipient.set_endpoint"

    case requestReceive = "request.receive"
    case requestChallenge = "request.challenge"
    case requestVerify = "request.verify"
    case requestExtend = "request.extend"
    case requestApprove = "request.approve"
    case requestComplete = "request.complete"
    case requestReject = "request.reject"
    case requestConfirmRecipient = "request.confirm_recipient"
    /// One company system's part of a request carried out (or failed): rows counted, never values.
    case requestSystem = "request.system"
    /// An erasure Sargs decided (retention, the CLI's bulk erasure) carried into a company system:
    /// a dataset's rows emptied or deleted for a group of subjects (counted), or a processor's
    /// OpenDSR erasure sent or reported on. Never a value.
    case systemErase = "system.erase"

    case exportDownload = "export.download"
    case exportTransmit = "export.transmit"

    /// A sign-in to the privacy center's consent pages with an e-mailed code (`ok`, `denied:<reason>`).
    case privacyCenterSignIn = "consent.sign_in"

    case keyCreate = "key.create"
    case keyRevoke = "key.revoke"

    /// Console staff: added or removed (`ok:<staff id>:<role>`), a sign-in (`ok`, `denied:<reason>`),
    /// a second factor enrolled, a sign-out (`ok:<sessions ended>`).
    case staffAdd = "staff.add"
    case staffRemove = "staff.remove"
    case staffSignIn = "staff.sign_in"
    case staffTOTPEnrol = "staff.totp_enrol"
    case staffSignOut = "staff.sign_out"

    /// A policy version was recorded: published for a date, or the first file a server started with.
    case policyPublish = "policy.publish"
    /// A batch of change notices of a version was queued (Art. 13(3)).
    case policyNotify = "policy.notify"

    /// The breach register (Art. 33, 34).
    case breachRecord = "breach.record"
    case breachNotifyAuthority = "breach.notify_authority"
    case breachAssess = "breach.assess"
    case breachClose = "breach.close"
    case breachReport = "breach.report"

    /// Retention (Art. 5(1)(e)): one entry per subject, action and rule; a run's start and end.
    case retentionDelete = "retention.delete"
    case retentionAnonymise = "retention.anonymise"
    case retentionArchive = "retention.archive"
    /// An archive no longer applies (the ground that ended runs again): the values are live again.
    case retentionRestore = "retention.restore"
    /// Nothing of the subject was left: its data key was destroyed and a tombstone written.
    case retentionShred = "retention.shred"
    case retentionRun = "retention.run"
    /// Closed requests' details and expired code rows deleted once kept long enough (Art. 5(1)(e)).
    case recordsPurge = "records.purge"

    /// The audit action for a retention action.
    public static func retention(_ action: RetentionRule.Action) -> AuditAction {
        switch action {
        case .delete: return .retentionDelete
        case .anonymise: return .retentionAnonymise
        case .archive: return .retentionArchive
        }
    }

    /// The consent action for a ledger state.
    public static func consent(_ state: ConsentEvent.State) -> AuditAction {
        state == .given ? .consentGiven : .consentWithdrawn
    }
}

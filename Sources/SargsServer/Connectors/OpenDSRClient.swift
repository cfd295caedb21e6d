import Foundation
import SargsCore
import SargsKit

/// Sargs as an OpenDSR 2.0 controller towards one processor: submits a request, reads its status,
/// and checks every answer's signature against the processor's pinned certificate before reading it.
struct OpenDSRClient: Sendable {
    let processor: ExternalSystems.Processor
    let transport: any ProcessorTransport
    let clock: ServerClock
    /// Seconds one exchange may take.
    var timeout: TimeInterval = 20

    /// Sends `submission`. A processor that already has the request (a retry after a crash or a
    /// lost answer) refuses the duplicate; its status then stands for the answer.
    func submit(_ submission: OpenDSRSubmission) async throws(OpenDSRError) -> OpenDSRReport {
        let body: Data
        do { body = try submission.body() } catch { throw .protocolViolation("the request could not be encoded") }
        let answer = try await exchange("POST", path: "requests", body: body)
        switch answer.status {
        case 201:
            let report = try verified(answer)
            guard report.subjectRequestID.lowercased() == submission.subjectRequestID else {
                throw .protocolViolation("the answer names another subject_request_id")
            }
            if let echoed = report.encodedRequest, Data(base64Encoded: echoed) != body {
                throw .protocolViolation("the processor received other bytes than were sent (encoded_request)")
            }
            return report
        case 400, 409:
            // "Subject request already exists": ours, sent before; anything else stays a refusal.
            if let report = try? await status(submission.subjectRequestID) { return report }
            throw .refused(status: answer.status, reason: "the request was refused as invalid")
        default:
            throw Self.failure(answer.status)
        }
    }

    /// The request's status at the processor (`GET {base}/requests/{id}`).
    func status(_ subjectRequestID: String) async throws(OpenDSRError) -> OpenDSRReport {
        let answer = try await exchange("GET", path: "requests/\(subjectRequestID)", body: nil)
        guard answer.status == 200 else { throw Self.failure(answer.status) }
        let report = try verified(answer)
        guard report.subjectRequestID.lowercased() == subjectRequestID else {
            throw .protocolViolation("the status names another subject_request_id")
        }
        return report
    }

    /// Checks a signed body the processor sent (an answer or a callback) and reads it.
    func verified(_ answer: ProcessorExchange) throws(OpenDSRError) -> OpenDSRReport {
        try Self.verify(
            domain: answer.header("X-OpenDSR-Processor-Domain") ?? answer.header("X-OpenGDPR-Processor-Domain"),
            signature: answer.header("X-OpenDSR-Signature") ?? answer.header("X-OpenGDPR-Signature"),
            body: answer.body, processor: processor, at: clock.now)
        return try OpenDSRReport.parse(answer.body)
    }

    /// The signature check every signed body passes (§4, §8.8), before its JSON is read.
    static func verify(
        domain: String?, signature: String?, body: Data, processor: ExternalSystems.Processor, at moment: Date
    ) throws(OpenDSRError) {
        guard let domain, let signature else { throw .signature }
        try processor.certificate.verify(
            signature: signature, body: body, claimedDomain: domain, expectedDomain: processor.endpoint.domain,
            at: moment)
    }

    private func exchange(_ method: String, path: String, body: Data?) async throws(OpenDSRError) -> ProcessorExchange {
        var base = processor.endpoint.url
        while base.hasSuffix("/") { base.removeLast() }
        var headers = [("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        if let authorization = processor.authorization { headers.append(("Authorization", authorization)) }
        do {
            return try await transport.send(
                method: method, url: "\(base)/\(path)", headers: headers, body: body, timeout: timeout)
        } catch {
            throw .unavailable("it could not be reached")
        }
    }

    /// An HTTP status other than the one expected: 429 and 5xx are worth retrying, others are not.
    static func failure(_ status: UInt) -> OpenDSRError {
        if status == 429 || status >= 500 { return .unavailable("HTTP \(status)") }
        return .refused(
            status: status,
            reason: status == 401 || status == 403 ? "the credentials were refused" : "the request was refused")
    }
}

import Foundation
import SargsCore
import SargsKit

/// The contexts of the consent pages.
struct ConsentCenterPages: Sendable {
    let context: SargsContext

    struct Start: Encodable, Sendable {
        var page: PageFrame
        var action, csrf, intro, emailLabel, submitLabel: String
        var hasError: Bool
        var error, errorTitle: String
    }

    func start(_ text: PageText, action: String, path: String, csrf: String, error: String? = nil) -> Start {
        Start(
            page: PageFrame(text, title: text("center.consents"), path: path), action: action, csrf: csrf,
            intro: text("consents.start_intro"),
            emailLabel: text("form.email"), submitLabel: text("consents.send_code"), hasError: error != nil,
            error: error ?? "",
            errorTitle: text("error.title"))
    }

    struct Manage: Encodable, Sendable {
        struct Row: Encodable, Sendable {
            var purpose, purposeID, channel, channelID, state: String
            var hasSince: Bool
            var since, nextState: String
            /// The switch: on while consent is given; its name is the purpose and channel, its hint the action a press
            /// takes.
            var checked: Bool
            var switchName, switchHint: String
        }

        struct Group: Encodable, Sendable {
            var id: String
            var purpose: String
            var description: String
            var rows: [Row]
        }

        var page: PageFrame
        var action, csrf, intro: String
        var saved: Bool
        var savedText: String
        /// A refused change, in the page's language (nil when none).
        var error: String?
        var purposeHeading, channelHeading, stateHeading, actionHeading: String
        var hasRows: Bool
        var rows: [Row]
        /// The rows grouped by purpose: a heading per purpose, its channels under it.
        var groups: [Group]
        var nothing: String
        var hasHistory: Bool
        var historyHeading: String
        var history: [String]
    }

    /// One row per consent purpose and channel (purpose-wide for a purpose without channels).
    func manage(
        _ text: PageText, events: [ConsentEvent], methods: [String], action: String, path: String, csrf: String,
        saved: Bool,
        now: Date, error: String? = nil
    ) -> Manage {
        let rules = context.rules
        var rows: [Manage.Row] = []
        let outdatedVersions = rules.engine.outdatedConsent
        for purpose in rules.policy.purposes where purpose.legalBasis == .consent {
            let channels: [ContactChannel?] = purpose.channels.isEmpty ? [nil] : purpose.channels.map(Optional.some)
            for channel in channels {
                let latest = ConsentLedger.latest(in: events, purpose: purpose.id, channel: channel, at: now)
                // A consent the version in force no longer honours is shown as such, with "give" offered.
                let outdated =
                    latest?.state == .given
                    && latest?.policyVersion.map { outdatedVersions[purpose.id]?.contains($0) ?? false } == true
                let given = latest?.state == .given && !outdated
                let state =
                    outdated
                    ? text("consents.outdated")
                    : latest.map { text($0.state == .given ? "consents.given" : "consents.withdrawn") }
                        ?? text("consents.none")
                let channelName = channel.map { text("channel.\($0.rawValue)") } ?? text("consents.all_channels")
                let button = text(given ? "consents.withdraw" : "consents.give")
                rows.append(
                    Manage.Row(
                        purpose: text.purpose(purpose.id), purposeID: purpose.id, channel: channelName,
                        channelID: channel?.rawValue ?? "",
                        state: state, hasSince: latest != nil,
                        since: latest.map {
                            text("consents.since", ["date": text.strings.date(DecisionEngine.civilDate($0.at))])
                        } ?? "",
                        nextState: given ? "withdrawn" : "given", checked: given,
                        switchName: "\(text.purpose(purpose.id)), \(channelName)", switchHint: button))
            }
        }
        // The history in sentences: when, what, for which channel, and how ("with the unsubscribe link in a message").
        let history = zip(events, methods).sorted { $0.0.at > $1.0.at }.map { event, method in
            let channel = event.channel.map { text("channel.\($0.rawValue)") } ?? text("consents.all_channels")
            let how = ConsentMethodWords.person(method, text: text)
            return text(
                event.state == .given ? "consents.history_given" : "consents.history_withdrawn",
                [
                    "date": text.strings.date(DecisionEngine.civilDate(event.at)),
                    "purpose": text.purpose(event.purpose), "channel": channel,
                    "how": how,
                ])
        }
        var groups: [Manage.Group] = []
        for row in rows {
            if groups.last?.rows.first?.purposeID == row.purposeID {
                groups[groups.count - 1].rows.append(row); continue
            }
            let description =
                rules.policy.purpose(row.purposeID)?.description.text(
                    in: text.language, fallback: rules.policy.authoritativeLanguage) ?? ""
            groups.append(Manage.Group(id: row.purposeID, purpose: row.purpose, description: description, rows: [row]))
        }
        return Manage(
            page: PageFrame(text, title: text("center.consents"), path: path), action: action, csrf: csrf,
            intro: text("consents.manage_intro"),
            saved: saved, savedText: text("consents.saved"), error: error, purposeHeading: text("form.purposes"),
            channelHeading: text("consents.channel"), stateHeading: text("status.state"),
            actionHeading: text("consents.give"), hasRows: !rows.isEmpty, rows: rows, groups: groups,
            nothing: text("consents.nothing"),
            hasHistory: !history.isEmpty, historyHeading: text("consents.history"), history: history)
    }
}

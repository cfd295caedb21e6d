import Foundation

/// How consent events combine: the latest event wins; a purpose-wide event (no channel) applies
/// to every channel of the purpose and supersedes earlier channel events; a channel event applies
/// to its channel only. The decision engine and the API's consent overview both use these rules.
public enum ConsentLedger {
    /// The event in force for a purpose and channel at `now`. A use with no channel needs a
    /// purpose-wide event.
    public static func latest(
        in events: [ConsentEvent], purpose: String, channel: ContactChannel?, at now: Date
    ) -> ConsentEvent? {
        var latest: ConsentEvent?
        for event in events where event.purpose == purpose && event.at <= now {
            let applies = event.channel == nil || (channel != nil && event.channel == channel)
            if applies, latest.map({ event.at >= $0.at }) ?? true { latest = event }
        }
        return latest
    }

    /// One line of the current consent state.
    public struct Entry: Sendable, Hashable {
        public var purpose: String
        /// Nil for a purpose-wide state.
        public var channel: ContactChannel?
        public var state: ConsentEvent.State
        public var since: Date
    }

    /// The current state per purpose and channel, ordered by purpose then channel.
    public static func current(_ events: [ConsentEvent]) -> [Entry] {
        var entries: [String: [ContactChannel?: Entry]] = [:]
        for event in events.sorted(by: { $0.at < $1.at }) {
            if event.channel == nil { entries[event.purpose] = [:] }
            entries[event.purpose, default: [:]][event.channel] = Entry(
                purpose: event.purpose, channel: event.channel,
                state: event.state, since: event.at)
        }
        return entries.values.flatMap(\.values).sorted {
            ($0.purpose, $0.channel?.rawValue ?? "") < ($1.purpose, $1.channel?.rawValue ?? "")
        }
    }
}

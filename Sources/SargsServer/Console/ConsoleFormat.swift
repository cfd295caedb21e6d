import Foundation
import SargsCore
import SargsKit
import Vapor

/// Dates and times as a console page shows them: in the staff member's language (the notice's
/// date form, `05.12.2026.` in Latvian, `5 December 2026` in English) and, for times, in the
/// controller's local time with its zone. The page's language and the zone are set for each
/// console request (`ConsoleLocale`), so code building a page needs neither.
enum ConsoleFormat {
    @TaskLocal static var language = "en"
    @TaskLocal static var zone = LocalTime.utc

    /// A moment: the day as the language writes it, the local time and the zone (`05.12.2026. 21:10 EET`).
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone.identifier) ?? TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "HH:mm zzz"
        return day(zone.civilDate(date)) + " " + formatter.string(from: date)
    }

    /// A calendar day as the language writes it.
    static func day(_ day: CivilDate) -> String {
        ((try? NoticeStrings(language: language)) ?? ConsoleText.english).date(day)
    }

    /// A day given as `YYYY-MM-DD` (an API view's field), as the language writes it; anything else as it is.
    static func day(iso text: String) -> String {
        CivilDate(iso: text).map(day) ?? text
    }
}

/// Sets, for each console request, the language and zone `ConsoleFormat` writes dates in.
struct ConsoleLocale: AsyncMiddleware {
    let pages: ConsolePages

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await ConsoleFormat.$language.withValue(pages.language(request)) {
            try await ConsoleFormat.$zone.withValue(pages.context.rules.requestClock.profile.localTime) {
                try await next.respond(to: request)
            }
        }
    }
}

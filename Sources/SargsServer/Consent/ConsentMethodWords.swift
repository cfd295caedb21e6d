import Foundation
import SargsCore

/// How a consent was given or withdrawn, in words. The method is the caller's own word
/// (`web_form`, `privacy_center`, `signed_document`…); the common ones have a wording in every
/// catalogue, any other is shown with its underscores as spaces, never as a raw identifier.
enum ConsentMethodWords {
    /// Methods with a wording of their own: Sargs' own channels and the common caller methods.
    static let known: Set<String> = Set([
        "privacy_center", "one_click_unsubscribe", "request", "banner", "web_form", "checkbox", "api", "import",
        "email", "phone", "paper", "in_person", "verbal",
    ]).union(WrittenConsent.methods)

    /// The method as staff read it ("web form", "signed document").
    static func staff(_ method: String, language: String) -> String {
        known.contains(method)
            ? ConsoleText.text("console.consent.method.\(method)", language: language)
            : spaced(method)
    }

    /// The method as the person reads it in a sentence of their history ("with the unsubscribe link in a message").
    static func person(_ method: String, text: PageText) -> String {
        known.contains(method)
            ? text("consents.how.\(method)")
            : text("consents.how.other", ["method": spaced(method)])
    }

    static func spaced(_ method: String) -> String {
        method.replacingOccurrences(of: "_", with: " ")
    }
}

/// What text from outside may hold before it is stored.
///
/// Control characters are refused in every text field: NUL cannot be stored by PostgreSQL, and the
/// others (BEL, ESC, the C1 set) have no place in a name, a reason or a purpose. Line breaks and
/// tabs stay allowed, since free text (a request's details, a breach's description) has lines.
public enum TextSafety {
    /// The first character a text field may not hold, or nil when the text is safe to store.
    public static func forbiddenCharacter(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isForbidden)
    }

    /// Whether `scalar` is refused in stored text: C0 controls other than tab, line feed and carriage
    /// return; DEL; the C1 controls.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }

    /// Refuses text holding a control character, naming the field and the character's code point
    /// (never the text itself, which may be personal).
    public static func check(_ text: String, field: String) throws(DomainError) {
        if let scalar = forbiddenCharacter(in: text) {
            throw DomainError.invalid(field, "must not contain control characters (found U+\(hex(scalar)))")
        }
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

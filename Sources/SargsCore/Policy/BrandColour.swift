import Foundation

/// A brand colour's fitness for white text on it: the WCAG 2.2 contrast ratio (§1.4.3, relative
/// luminance as defined there), so a company's colour never makes the buttons unreadable.
public enum BrandColour {
    /// The contrast ratio of white on `hex` (`#RRGGBB`); nil when it is not such a colour.
    public static func contrastWithWhite(_ hex: String) -> Double? {
        guard hex.count == 7, hex.hasPrefix("#"), let value = Int(hex.dropFirst(), radix: 16) else { return nil }
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { channel -> Double in
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        return 1.05 / (luminance + 0.05)
    }
}

import Foundation
import SargsCore
import SargsKit
import Vapor

/// The logo the policy names (`branding.logo`), read once at start from beside the policy file and
/// served by Sargs itself at `/assets/logo`, so the pages' Content-Security-Policy (`img-src 'self'`)
/// stays strict. A logo that is missing, too large or not SVG or PNG stops the start with its reason.
struct BrandLogo: Sendable {
    let data: Data
    let contentType: HTTPMediaType

    static let maximumBytes = 200 * 1024

    /// The logo of `policy`, whose file is at `policyPath`; nil when the policy names none.
    static func load(_ policy: Policy, policyPath: String) throws(ConfigurationError) -> BrandLogo? {
        guard let name = policy.branding?.logo else { return nil }
        let path =
            name.hasPrefix("/")
            ? name : ((policyPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
        let type: HTTPMediaType
        switch (name as NSString).pathExtension.lowercased() {
        case "svg": type = HTTPMediaType(type: "image", subType: "svg+xml")
        case "png": type = .png
        default: throw .invalid("branding.logo", "\(name) must be an .svg or .png file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalid("branding.logo", "\(path) cannot be read (a path relative to the policy file)")
        }
        guard data.count <= maximumBytes else {
            throw .invalid("branding.logo", "\(name) is \(data.count / 1024) KB; at most 200 KB")
        }
        return BrandLogo(data: data, contentType: type)
    }
}

extension Application {
    struct BrandLogoKey: StorageKey {
        typealias Value = BrandLogo
    }

    /// The logo loaded at start, if the policy names one.
    var brandLogo: BrandLogo? {
        get { storage[BrandLogoKey.self] }
        set { storage[BrandLogoKey.self] = newValue }
    }
}

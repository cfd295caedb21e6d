import Foundation

/// The spec-first description of the `/v1` API (`Resources/openapi.yaml`), served at `/openapi.yaml`.
enum OpenAPIDocument {
    static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            fatalError("SargsServer resource openapi.yaml is missing from the bundle")
        }
        return text
    }()
}

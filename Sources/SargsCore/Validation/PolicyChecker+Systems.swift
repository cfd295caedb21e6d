import Foundation

extension PolicyChecker {
    /// The files the company systems name, read beside the policy: each processor's pinned
    /// certificate loads, carries an RSA or P-256 key and is issued to the domain the policy names;
    /// and no system takes a name a dataset already has (requests list both by name).
    static func systemDiagnostics(_ policy: Policy, sourceMap: SourceMap, datasetKeys: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func error(_ path: String, _ message: String, hint: String? = nil) {
            diagnostics.append(
                Diagnostic(
                    .error, .invalidValue, at: sourceMap.location(of: path), path: path, message: message, hint: hint))
        }
        for (index, system) in (policy.systems ?? []).enumerated() {
            if datasetKeys.contains(system.id) {
                error(
                    "systems[\(index)].id",
                    "a dataset is already named '\(system.id)'; systems and datasets need distinct names")
            }
            guard let endpoint = system.opendsr else { continue }
            let path = "systems[\(index)].opendsr.certificate"
            do {
                let certificate = try ProcessorCertificate.load(endpoint, besidePolicy: sourceMap.file)
                if !certificate.names(endpoint.domain) {
                    error(
                        path, "the certificate is not issued to \(endpoint.domain)",
                        hint:
                            "it names \(certificate.domains.joined(separator: ", ")); the processor signs as its domain"
                    )
                }
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidValue, at: sourceMap.location(of: path), path: path, message: error.description)
                )
            }
        }
        return diagnostics
    }
}

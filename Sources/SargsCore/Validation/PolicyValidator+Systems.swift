import Foundation

extension PolicyValidator {
    /// The company systems Sargs cannot query (issue 25): each is exactly one kind, names a
    /// declared recipient, asks only for requests its kind can carry out, keeps credentials in the
    /// environment, and reaches a processor over HTTPS (plain HTTP only on loopback).
    mutating func checkSystems() {
        guard let systems = policy.systems else { return }
        var seen: [String: Int] = [:]
        for (index, system) in systems.enumerated() {
            let path = "systems[\(index)]"
            if let first = seen[system.id] {
                let line = sourceMap.location(of: "systems[\(first)].id").line
                error(.duplicateKey, "\(path).id", "duplicate system '\(system.id)' (first declared on line \(line))")
            } else {
                seen[system.id] = index
            }
            switch (system.opendsr, system.manual) {
            case (nil, nil):
                error(
                    .missingKey, path, "system '\(system.id)' says neither how it is reached: opendsr or manual",
                    hint: "a processor with an OpenDSR endpoint takes `opendsr:`; any other system `manual:`")
            case (.some, .some):
                error(.invalidValue, path, "system '\(system.id)' is both opendsr and manual; choose one")
            default: break
            }
            if let recipient = system.recipient, !policy.recipients.contains(where: { $0.id == recipient }) {
                error(
                    .undeclaredReference, "\(path).recipient",
                    "system '\(system.id)' names the recipient '\(recipient)', which the policy does not declare")
            }
            for (position, type) in (system.requests ?? []).enumerated() where !system.possibleRequests.contains(type) {
                error(
                    .invalidValue, "\(path).requests[\(position)]",
                    "a \(system.opendsr != nil ? "processor over OpenDSR" : "manual system") cannot carry out "
                        + "\(type.rawValue) requests",
                    hint: "possible: \(system.possibleRequests.map(\.rawValue).joined(separator: ", "))")
            }
            if let endpoint = system.opendsr { checkEndpoint(endpoint, path: "\(path).opendsr") }
        }
    }

    private mutating func checkEndpoint(_ endpoint: CompanySystem.OpenDSREndpoint, path: String) {
        let url = URLComponents(string: endpoint.url)
        let secure = url?.scheme == "https" || (url?.scheme == "http" && Self.isLoopback(url?.host ?? ""))
        if !secure {
            error(
                .invalidValue, "\(path).url", "a processor is reached over https; plain http only on loopback",
                hint: "identities travel in the request body: never send them unencrypted")
        }
        if url?.user != nil || url?.password != nil || url?.query != nil {
            error(
                .invalidValue, "\(path).url", "must hold no user, password or query: the URL is shown to staff",
                hint: "put the processor's credentials in the environment variable `credentials` names")
        }
        if let credentials = endpoint.credentials, !DatasetReference.isEnvironmentName(credentials) {
            error(
                .invalidValue, "\(path).credentials", "must name an environment variable, e.g. MAILER_OPENDSR_AUTH",
                hint: "credentials live in the environment, never in the policy")
        }
        if endpoint.domain.isEmpty || endpoint.domain.contains("/") || endpoint.domain.contains(" ") {
            error(.invalidValue, "\(path).domain", "must be a domain name such as opendsr.mailer.example")
        }
    }

    /// `localhost` or a loopback address, where tests and a processor's local adapter run.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}

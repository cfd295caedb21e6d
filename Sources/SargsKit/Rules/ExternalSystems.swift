import Foundation
import SargsCore

/// The company systems the policy names that Sargs cannot query (`systems:`), loaded at start:
/// each processor with its pinned certificate and the credentials its variable holds, and the
/// manual systems with their owners.
public struct ExternalSystems: Sendable {
    /// A processor reached over OpenDSR.
    public struct Processor: Sendable {
        public let system: CompanySystem
        public let endpoint: CompanySystem.OpenDSREndpoint
        public let certificate: ProcessorCertificate
        /// The `Authorization` header value; never logged, audited or shown.
        public let authorization: String?

        public var name: String { system.id }
    }

    public let processors: [Processor]
    /// Systems whose owner confirms by hand.
    public let manual: [CompanySystem]
    /// How Sargs speaks HTTP to processors.
    public let transport: any ProcessorTransport

    public init(processors: [Processor] = [], manual: [CompanySystem] = [], transport: any ProcessorTransport) {
        self.processors = processors
        self.manual = manual
        self.transport = transport
    }

    /// Loads the systems `policy` names: certificates from files beside `policyFile`, credentials
    /// from `environment` by the variable's name. A certificate that does not load stops the start.
    public static func load(
        _ policy: Policy, policyFile: String, environment: [String: String], transport: any ProcessorTransport
    ) throws(ConfigurationError) -> ExternalSystems {
        var processors: [Processor] = []
        var manual: [CompanySystem] = []
        for system in policy.systems ?? [] {
            if system.manual != nil { manual.append(system) }
            guard let endpoint = system.opendsr else { continue }
            let certificate: ProcessorCertificate
            do {
                certificate = try ProcessorCertificate.load(endpoint, besidePolicy: policyFile)
            } catch {
                throw .invalid("systems", "the certificate of the system '\(system.id)': \(error)")
            }
            let authorization = endpoint.credentials.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            processors.append(
                Processor(system: system, endpoint: endpoint, certificate: certificate, authorization: authorization))
        }
        return ExternalSystems(processors: processors, manual: manual, transport: transport)
    }

    public func processor(_ name: String) -> Processor? { processors.first { $0.name == name } }

    public func manualSystem(_ name: String) -> CompanySystem? { manual.first { $0.id == name } }

    /// The processor signing as `domain` (compared without case).
    public func processor(domain: String) -> Processor? {
        processors.first { $0.endpoint.domain.lowercased() == domain.lowercased() }
    }

    public var isEmpty: Bool { processors.isEmpty && manual.isEmpty }
}

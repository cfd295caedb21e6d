import Metrics
import Prometheus

/// Prometheus metrics. swift-metrics is bootstrapped once per process with the Prometheus
/// factory, so Vapor's own request metrics (labelled by route pattern, never by raw path) and
/// ours land in one registry. Labels carry policy identifiers and outcomes, never personal data.
public enum ServerMetrics {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Counts a decision by purpose, outcome and reason code.
    static func decision(purpose: String, allowed: Bool, reason: String, count: Int = 1) {
        Counter(label: "sargs_decisions_total",
                dimensions: [("purpose", purpose), ("allowed", allowed ? "true" : "false"), ("reason", reason)])
            .increment(by: count)
    }

    /// The registry in the Prometheus text exposition format.
    static func exposition() -> String { registry.emitToString() }
}

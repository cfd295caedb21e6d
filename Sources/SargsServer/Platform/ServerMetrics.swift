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

    /// Counts outbox deliveries by kind and outcome.
    static func outbox(kind: String, delivered: Bool) {
        Counter(label: "sargs_outbox_deliveries_total", dimensions: [("kind", kind), ("result", delivered ? "delivered" : "failed")])
            .increment()
    }

    /// The number of open requests past their due date: an overdue request is never silent.
    static func overdueRequests(_ count: Int) {
        Gauge(label: "sargs_requests_overdue").record(count)
    }

    /// The number of breaches past the authority deadline and not notified (GDPR Art. 33(1)).
    static func overdueBreaches(_ count: Int) {
        Gauge(label: "sargs_breaches_overdue").record(count)
    }

    /// Counts requests received and closed, by type and status.
    static func request(type: String, status: String) {
        Counter(label: "sargs_requests_total", dimensions: [("type", type), ("status", status)]).increment()
    }

    /// The registry in the Prometheus text exposition format.
    static func exposition() -> String { registry.emitToString() }
}

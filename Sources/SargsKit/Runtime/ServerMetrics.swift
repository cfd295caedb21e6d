import Metrics
import Prometheus
import Synchronization

/// Prometheus metrics. swift-metrics is bootstrapped once per process with the Prometheus
/// factory, so Vapor's own request metrics (labelled by route pattern, never by raw path) and
/// ours land in one registry. Labels carry policy identifiers and outcomes, never personal data.
public enum ServerMetrics {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Counts a decision by purpose, outcome and reason code. The counter of each combination is
    /// made once and kept (purposes come from the policy and reasons from a closed set, so the
    /// combinations are few), instead of a registry look-up per decision.
    public static func decision(purpose: String, allowed: Bool, reason: String, count: Int = 1) {
        let key = "\(purpose)|\(allowed)|\(reason)"
        let counter = decisionCounters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Metrics.Counter(
                label: "sargs_decisions_total",
                dimensions: [("purpose", purpose), ("allowed", allowed ? "true" : "false"), ("reason", reason)])
            counters[key] = counter
            return counter
        }
        counter.increment(by: count)
    }

    private static let decisionCounters = Mutex<[String: Metrics.Counter]>([:])

    /// Counts outbox deliveries by kind and outcome.
    public static func outbox(kind: String, delivered: Bool) {
        Counter(
            label: "sargs_outbox_deliveries_total",
            dimensions: [("kind", kind), ("result", delivered ? "delivered" : "failed")]
        )
        .increment()
    }

    /// The number of open requests past their due date: an overdue request is never silent.
    public static func overdueRequests(_ count: Int) {
        Gauge(label: "sargs_requests_overdue").record(count)
    }

    /// The number of company systems that failed their part of an open request (issue 25).
    public static func failedSystems(_ count: Int) {
        Gauge(label: "sargs_request_systems_failed").record(count)
    }

    /// The number of breaches past the authority deadline and not notified (GDPR Art. 33(1)).
    public static func overdueBreaches(_ count: Int) {
        Gauge(label: "sargs_breaches_overdue").record(count)
    }

    /// Counts requests received and closed, by type and status.
    public static func request(type: String, status: String) {
        Counter(label: "sargs_requests_total", dimensions: [("type", type), ("status", status)]).increment()
    }

    /// Counts an audit-log transaction and the operations it held (group commit): their ratio is
    /// the mean batch, which grows with the load.
    public static func auditBatch(operations: Int) {
        auditTransactions.increment()
        auditOperations.increment(by: operations)
    }

    private static let auditTransactions = registeredCounter("sargs_audit_transactions_total")
    private static let auditOperations = registeredCounter("sargs_audit_operations_total")

    /// A counter made after the registry, so it lands in it whichever is touched first.
    private static func registeredCounter(_ label: String) -> Metrics.Counter {
        _ = registry
        return Metrics.Counter(label: label)
    }

    /// The registry in the Prometheus text exposition format.
    public static func exposition() -> String { registry.emitToString() }
}

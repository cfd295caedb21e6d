import Fluent
import SargsCore
import SargsKit
import Vapor

/// Every route: the platform's own (health, metrics, the OpenAPI document) and each feature's,
/// each feature's routes holding the services they call.
func routes(
    _ app: Application, context: SargsContext, privacyCenter prefix: String = "/privacy", bannerReaskDays: Int = 182,
    trustedProxies: Set<String> = [], console: ConsoleSettings = ConsoleSettings()
) {
    _ = ServerMetrics.registry
    app.get("healthz") { _ in ["status": "ok"] }
    // The site's root is the privacy center: what a person who types the address wants.
    app.get { request in request.redirect(to: prefix) }
    app.get("metrics") { _ -> Response in
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(
            type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: ServerMetrics.exposition()))
    }
    app.get("openapi.yaml") { _ -> Response in
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: OpenAPIDocument.text))
    }
    SubjectRoutes(service: SubjectService(context: context)).register(app)
    FactRoutes(consents: ConsentService(context: context), facts: FactService(context: context)).register(app)
    DecisionRoutes(service: DecisionService(context: context)).register(app)
    AuditRoutes(service: AuditService(audit: context.audit)).register(app)
    RequestRoutes(service: RequestService(context: context)).register(app)
    ProcessorCallbackRoutes(service: RequestService(context: context)).register(app)
    SystemTaskRoutes(service: RequestService(context: context)).register(app)
    ExportRoutes(service: ExportService(context: context)).register(app)
    RecordRoutes(service: RecordService(context: context)).register(app)
    RetentionRoutes(service: RetentionService(context: context)).register(app)
    BreachRoutes(service: BreachService(context: context)).register(app)
    PolicyVersionRoutes(service: PolicyVersionService(context: context)).register(app)
    NoticeRoutes(service: NoticePages(context: context, privacyCenter: prefix)).register(app)
    Pages.registerAssets(app, context: context)
    UnsubscribeRoutes(service: UnsubscribeService(context: context)).register(app)
    let clients = ClientAddress(trustedProxies: trustedProxies)
    BannerRoutes(service: BannerService(context: context, reaskDays: bannerReaskDays), clients: clients).register(app)
    let forms = FormProtection(
        master: context.masterKey, secure: context.publicURL.hasPrefix("https://"), path: prefix, clients: clients)
    let centerPages = PrivacyCenterPages(context: context, prefix: prefix)
    PrivacyCenterRoutes(
        requests: RequestService(context: context), pages: centerPages, forms: forms, clients: clients, prefix: prefix
    ).register(app)
    ConsentCenterRoutes(
        service: ConsentCenterService(context: context, consents: ConsentService(context: context)),
        pages: ConsentCenterPages(context: context), verifyPages: centerPages, forms: forms, clients: clients,
        prefix: prefix
    )
    .register(app)
    ConsoleRoutes(context: context, settings: console, clients: clients).register(app)
}

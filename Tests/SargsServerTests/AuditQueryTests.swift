import Foundation
import Testing
import VaporTesting

@testable import SargsServer

/// The subject filter of the audit trail: an id parsed once, in the route.
@Suite("Audit trail filter")
struct AuditQueryTests {
    @Test(
        """
        GET /v1/audit refuses an empty or malformed subject (400 \
        naming it); the console's unused filter field means no filter
        """
    )
    func subjectFilter() async throws {
        try await withSargs { app, context, keys, _ in
            for value in ["", "not-a-uuid"] {
                let response = try await app.testing().sendRequest(.GET, "v1/audit?subject=\(value)", headers: keys.dpo)
                _ = try expectProblem(response, status: .badRequest, field: "subject")
            }
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let page = try await dpo.open("console/audit?subject=&actor=&action=&lang=en")
            #expect(page.status == .ok && page.body.string.contains("staff member added"))
        }
    }
}

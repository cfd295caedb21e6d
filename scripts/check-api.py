#!/usr/bin/env python3
"""End-to-end check of the /v1 API against its OpenAPI document.

Starts `sargs serve` (the built binary) on a free loopback port with a fresh data directory,
creates keys with `sargs keys create`, walks a session over every route — successes and
problems — and validates each response body against the schema the spec declares for that
path, method and status (OpenAPI 3.1 schemas are JSON Schema 2020-12). Also validates the
spec itself. Usage: python3 scripts/check-api.py path/to/sargs
"""
import json, os, socket, subprocess, sys, tempfile, time, urllib.error, urllib.request, uuid

import jsonschema
import referencing
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = sys.argv[1]
POLICY = os.path.join(ROOT, "examples", "coral-club.yaml")
passed, failed = 0, 0

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def sargs(*args, data_dir):
    out = subprocess.run([BINARY, *args, "--data-dir", data_dir, "--policy", POLICY], capture_output=True, text=True, check=True)
    return out.stdout

def main():
    global passed, failed
    spec_text = open(os.path.join(ROOT, "Sources", "SargsServer", "Resources", "openapi.yaml"), encoding="utf-8").read()
    spec = yaml.safe_load(spec_text)
    try:
        from openapi_spec_validator import validate
        validate(spec)
        print("ok   the OpenAPI document is valid")
        passed += 1
    except ImportError:
        print("skip openapi-spec-validator is not installed")
    resource = referencing.Resource.from_contents(spec, default_specification=referencing.jsonschema.DRAFT202012)
    registry = referencing.Registry().with_resource("urn:sargs:openapi", resource)

    data_dir = tempfile.mkdtemp(prefix="sargs-api-")
    admin = [l for l in sargs("keys", "create", "--role", "admin", data_dir=data_dir).splitlines() if l.startswith("sargs_")][0]
    service = [l for l in sargs("keys", "create", "--role", "service", "--purposes", "marketing", data_dir=data_dir).splitlines() if l.startswith("sargs_")][0]
    port = free_port()
    server = subprocess.Popen([BINARY, "serve", "--data-dir", data_dir, "--policy", POLICY, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)

        def call(method, path, template, body=None, key=admin, expect=200):
            global passed, failed
            headers = {"Content-Type": "application/json"}
            if key:
                headers["Authorization"] = f"Bearer {key}"
            request = urllib.request.Request(base + path, method=method, headers=headers,
                                             data=json.dumps(body).encode() if body is not None else None)
            try:
                response = urllib.request.urlopen(request, timeout=10)
                status, content_type, raw = response.status, response.headers.get("Content-Type", ""), response.read()
            except urllib.error.HTTPError as error:
                status, content_type, raw = error.code, error.headers.get("Content-Type", ""), error.read()
            label = f"{method} {template} -> {status}"
            problems = []
            if status != expect:
                problems.append(f"expected status {expect}")
            operation = spec["paths"].get(template, {}).get(method.lower())
            declared = (operation or {}).get("responses", {}).get(str(status))
            if declared is None:
                problems.append("status not declared in the spec")
            elif raw:
                if "$ref" in declared:
                    declared = spec["components"]["responses"][declared["$ref"].split("/")[-1]]
                media = content_type.split(";")[0].strip()
                schema = declared.get("content", {}).get(media, {}).get("schema")
                if schema is None:
                    problems.append(f"content type {media} not declared")
                elif media.endswith("json"):
                    wrapped = rewrite_refs(schema)
                    errors = list(jsonschema.Draft202012Validator(wrapped, registry=registry).iter_errors(json.loads(raw)))
                    problems += [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:3]]
            if problems:
                failed += 1
                print(f"FAIL {label}: " + "; ".join(problems) + f" — {raw[:200]!r}")
            else:
                passed += 1
                print(f"ok   {label}")
            return json.loads(raw) if raw and content_type.startswith("application/") and "json" in content_type else None

        call("GET", "/healthz", "/healthz", key=None)
        call("GET", "/openapi.yaml", "/openapi.yaml", key=None)
        subject = call("POST", "/v1/subjects", "/v1/subjects", {
            "country": "LV", "language": "lv", "source": "web", "collected_for": "services",
            "data": {"user.contact.email": "anna@example.lv", "user.name": "Anna", "user.demographic.date_of_birth": "1990-04-01"}},
            expect=201)
        sid = subject["id"]
        call("POST", "/v1/subjects", "/v1/subjects", {"country": "LV", "language": "lv", "source": "web", "collected_for": "services",
             "data": {"user.demographic.date_of_birth": "2015-01-01"}}, expect=422)
        call("POST", "/v1/subjects", "/v1/subjects", {"country": "LV"}, expect=400)
        call("POST", "/v1/subjects", "/v1/subjects", {"country": "LV", "language": "lv", "source": "web", "collected_for": "services",
             "data": {"user.contact.email": "anna@example.lv"}}, expect=409)
        call("GET", f"/v1/subjects/{sid}?purpose=services", "/v1/subjects/{subjectID}")
        call("GET", f"/v1/subjects/{sid}", "/v1/subjects/{subjectID}", expect=400)
        call("GET", f"/v1/subjects/{uuid.uuid4()}?purpose=services", "/v1/subjects/{subjectID}", expect=404)
        call("GET", f"/v1/subjects/{sid}?purpose=services", "/v1/subjects/{subjectID}", key=None, expect=401)
        call("GET", f"/v1/subjects/{sid}?purpose=services", "/v1/subjects/{subjectID}", key=service, expect=403)
        call("POST", "/v1/subjects/lookup", "/v1/subjects/lookup", {"email": "ANNA@example.lv", "purpose": "services"})
        call("PATCH", f"/v1/subjects/{sid}", "/v1/subjects/{subjectID}", {"purpose": "services", "data": {"user.name": "Anna B."}}, expect=204)
        call("POST", f"/v1/subjects/{sid}/relationships", "/v1/subjects/{subjectID}/relationships",
             {"kind": "customer", "start": "2025-01-01T00:00:00Z"}, expect=201)
        event = call("POST", f"/v1/subjects/{sid}/consents", "/v1/subjects/{subjectID}/consents",
                     {"purpose": "marketing", "channel": "email", "state": "given", "method": "web_form_checkbox",
                      "evidence": {"ip": "203.0.113.7", "user_agent": "Firefox"}}, expect=201)
        call("POST", f"/v1/subjects/{sid}/consents", "/v1/subjects/{subjectID}/consents",
             {"purpose": "services", "state": "given", "method": "x"}, expect=422)
        call("GET", f"/v1/subjects/{sid}/consents", "/v1/subjects/{subjectID}/consents")
        call("GET", f"/v1/subjects/{sid}/consents/{event['id']}/receipt", "/v1/subjects/{subjectID}/consents/{eventID}/receipt")
        call("POST", "/v1/decisions", "/v1/decisions", {"subject_id": sid, "purpose": "marketing", "channel": "email"}, key=service)
        call("POST", "/v1/decisions", "/v1/decisions", {"email": "anna@example.lv", "purpose": "services"})
        call("POST", "/v1/decisions", "/v1/decisions", {"subject_id": sid, "purpose": "loyalty"}, expect=422)
        call("POST", "/v1/decisions/batch", "/v1/decisions/batch",
             {"purpose": "marketing", "channel": "email", "subject_ids": [sid, str(uuid.uuid4())]}, key=service)
        call("POST", f"/v1/subjects/{sid}/objections", "/v1/subjects/{subjectID}/objections", {"direct_marketing": True}, expect=201)
        restriction = call("POST", f"/v1/subjects/{sid}/restrictions", "/v1/subjects/{subjectID}/restrictions", {"reason": "accuracy"}, expect=201)
        call("POST", f"/v1/subjects/{sid}/restrictions/{restriction['id']}/lift", "/v1/subjects/{subjectID}/restrictions/{restrictionID}/lift",
             {"reason": "accuracy confirmed"})
        call("POST", f"/v1/subjects/{sid}/restrictions/{restriction['id']}/lift", "/v1/subjects/{subjectID}/restrictions/{restrictionID}/lift", expect=409)
        requests_session(call, sid, data_dir)
        call("GET", f"/v1/audit?subject={sid}", "/v1/audit")
        first = call("GET", "/v1/audit?limit=2", "/v1/audit")
        call("GET", f"/v1/audit?limit=2&after={first['next_after']}", "/v1/audit")
        call("GET", "/v1/audit", "/v1/audit", key=service, expect=403)
        call("GET", "/v1/audit/verify", "/v1/audit/verify")
        call("GET", "/v1/retention/preview?as_of=2099-01-01", "/v1/retention/preview")
        call("GET", "/v1/retention/preview?as_of=yesterday", "/v1/retention/preview", expect=422)
        call("GET", "/v1/retention/preview", "/v1/retention/preview", key=service, expect=403)
        call("POST", "/v1/retention/runs", "/v1/retention/runs", {"confirm_rule_change": True}, expect=201)
        call("POST", "/v1/retention/runs", "/v1/retention/runs", {}, key=service, expect=403)
        call("GET", "/v1/retention/runs", "/v1/retention/runs")
        call("GET", "/v1/retention/runs?limit=0", "/v1/retention/runs", expect=422)
        call("GET", "/v1/audit/verify", "/v1/audit/verify", key=service, expect=403)
        breach = call("POST", "/v1/breaches", "/v1/breaches",
                      {"discovered_at": "2026-01-05T10:00:00Z", "nature": "Stolen laptop", "categories": ["user.name"],
                       "approximate_subjects": 3, "approximate_records": 3, "consequences": "Phishing", "measures": "Locked",
                       "subject_ids": [sid]}, expect=201)
        call("POST", "/v1/breaches", "/v1/breaches", {"discovered_at": "2026-01-05T10:00:00Z"}, expect=400)
        call("GET", "/v1/breaches", "/v1/breaches")
        call("GET", f"/v1/breaches/{breach['id']}", "/v1/breaches/{breachID}")
        call("POST", f"/v1/breaches/{breach['id']}/notify-authority", "/v1/breaches/{breachID}/notify-authority", {}, expect=422)
        call("POST", f"/v1/breaches/{breach['id']}/notify-authority", "/v1/breaches/{breachID}/notify-authority",
             {"delay_reasons": "Found late"})
        call("POST", f"/v1/breaches/{breach['id']}/assess", "/v1/breaches/{breachID}/assess", {"high_risk": True})
        call("GET", f"/v1/breaches/{breach['id']}/report", "/v1/breaches/{breachID}/report")
        call("POST", f"/v1/breaches/{breach['id']}/close", "/v1/breaches/{breachID}/close", {})
        call("GET", "/v1/breaches", "/v1/breaches", key=service, expect=403)
        policy_versions(call)
        call("GET", "/notice?lang=en", "/notice", key=None)
        # A code-confirmed consent waits (202); a wrong code is refused.
        pending = call("POST", f"/v1/subjects/{sid}/consents", "/v1/subjects/{subjectID}/consents",
                       {"purpose": "contests-and-surveys", "state": "given", "method": "web_form", "verification": {"channel": "email"}},
                       expect=202)
        call("POST", f"/v1/subjects/{sid}/consents/pending/{pending['id']}/confirm", "/v1/subjects/{subjectID}/consents/pending/{pendingID}/confirm",
             {"code": "abc"}, expect=422)
        link = call("POST", "/v1/unsubscribe-links", "/v1/unsubscribe-links", {"subject_id": sid, "purpose": "marketing"}, expect=201)
        call("POST", "/v1/unsubscribe-links", "/v1/unsubscribe-links", {"subject_id": sid, "purpose": "services"}, expect=422)
        token = link["url"].rsplit("/", 1)[1]
        call("GET", f"/u/{token}", "/u/{token}", key=None)
        call("GET", f"/u/{token}x", "/u/{token}", key=None, expect=410)
        call("GET", "/consent.js?lang=en", "/consent.js", key=None)
        call("GET", "/v1/cookie-consents?visitor_id=" + "ab" * 16, "/v1/cookie-consents")
        call("GET", "/v1/cookie-consents", "/v1/cookie-consents", expect=400)
        metrics = urllib.request.urlopen(base + "/metrics", timeout=5).read().decode()
        if "sargs_decisions_total" in metrics and "anna" not in metrics.lower():
            passed += 1
            print("ok   GET /metrics has decision counters and no personal data")
        else:
            failed += 1
            print("FAIL GET /metrics")
    finally:
        server.terminate()
        server.wait(timeout=10)
    verify = subprocess.run([BINARY, "audit", "verify", "--data-dir", data_dir, "--policy", POLICY], capture_output=True, text=True)
    if verify.returncode == 0 and "intact" in verify.stdout:
        passed += 1
        print(f"ok   sargs audit verify: {verify.stdout.strip()}")
    else:
        failed += 1
        print(f"FAIL sargs audit verify: {verify.stdout} {verify.stderr}")
    print(f"api: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

def policy_versions(call):
    """Publishing a version: too early for the 30 days' notice, then on time; the list and one version."""
    import datetime
    text = open(POLICY, encoding="utf-8").read().replace('version: "2024-01"', 'version: "2099-01"').replace(
        "categories: [user.name, user.contact.email]\n    channels: [email]", "categories: [user.name, user.contact.email, user.contact.phone_number]\n    channels: [email]")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    call("POST", "/v1/policy/versions", "/v1/policy/versions", {"yaml": text, "effective_on": str(today + datetime.timedelta(days=5))}, expect=422)
    call("POST", "/v1/policy/versions", "/v1/policy/versions", {"yaml": "sargs: 1", "effective_on": str(today)}, expect=422)
    version = call("POST", "/v1/policy/versions", "/v1/policy/versions", {"yaml": text, "effective_on": str(today + datetime.timedelta(days=31))},
                   expect=201)
    call("GET", "/v1/policy/versions", "/v1/policy/versions")
    call("GET", f"/v1/policy/versions/{version['id']}", "/v1/policy/versions/{versionID}")
    call("GET", f"/v1/policy/versions/{uuid.uuid4()}", "/v1/policy/versions/{versionID}", expect=404)

def mail(data_dir, subject_word, timeout=15):
    """The newest .eml the server wrote whose subject contains `subject_word`, decoded."""
    import email, email.header, glob
    deadline = time.time() + timeout
    while time.time() < deadline:
        for path in sorted(glob.glob(os.path.join(data_dir, "mail", "*.eml")), reverse=True):
            message = email.message_from_binary_file(open(path, "rb"))
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            if subject_word in subject:
                return message.get_payload(decode=True).decode("utf-8")
        time.sleep(0.3)
    raise RuntimeError(f"no mail with '{subject_word}' in its subject")

def requests_session(call, sid, data_dir):
    """Disclosure log, holds, recipients' endpoints, and a request from receipt to download."""
    import re
    # The subject is restricted by now: an ordinary disclosure is refused, one to an authority under a legal obligation passes.
    call("POST", f"/v1/subjects/{sid}/disclosures", "/v1/subjects/{subjectID}/disclosures",
         {"recipient": "group-companies", "purpose": "services", "categories": ["user.name"]}, expect=422)
    call("POST", f"/v1/subjects/{sid}/disclosures", "/v1/subjects/{subjectID}/disclosures",
         {"recipient": "authorities", "purpose": "authority-requests", "categories": ["user.name"]}, expect=201)
    call("POST", f"/v1/subjects/{sid}/disclosures", "/v1/subjects/{subjectID}/disclosures",
         {"recipient": "nobody", "purpose": "services", "categories": ["user.name"]}, expect=422)
    call("GET", f"/v1/subjects/{sid}/disclosures", "/v1/subjects/{subjectID}/disclosures")
    hold = call("POST", f"/v1/subjects/{sid}/holds", "/v1/subjects/{subjectID}/holds", {"reason": "case 17", "until": "2030-01-01"}, expect=201)
    call("POST", f"/v1/subjects/{sid}/holds/{hold['id']}/release", "/v1/subjects/{subjectID}/holds/{holdID}/release", expect=204)
    call("POST", f"/v1/subjects/{sid}/holds", "/v1/subjects/{subjectID}/holds", {"reason": "x", "until": "soon"}, expect=422)
    call("PUT", "/v1/recipients/group-companies/endpoint", "/v1/recipients/{recipient}/endpoint", {"url": "https://recipient.invalid/hook"})
    call("PUT", "/v1/recipients/group-companies/endpoint", "/v1/recipients/{recipient}/endpoint", {"url": "http://recipient.invalid/hook"},
         expect=422)
    call("PUT", "/v1/recipients/nobody/endpoint", "/v1/recipients/{recipient}/endpoint", {"url": "http://127.0.0.1:9/hook"}, expect=404)
    request = call("POST", "/v1/requests", "/v1/requests", {"type": "access", "email": "anna@example.lv", "language": "lv", "channel": "web"},
                   expect=201)
    rid = request["id"]
    call("POST", "/v1/requests", "/v1/requests", {"type": "teleport", "email": "anna@example.lv", "language": "lv", "channel": "web"},
         expect=422)
    call("GET", "/v1/requests?status=awaiting_verification", "/v1/requests")
    call("GET", "/v1/requests?status=lost", "/v1/requests", expect=422)
    call("GET", "/v1/requests?type=access&limit=1", "/v1/requests")
    call("GET", "/v1/requests?limit=0", "/v1/requests", expect=422)
    call("POST", f"/v1/requests/{rid}/approve", "/v1/requests/{requestID}/approve", expect=409)
    code = re.search(r"\b(\d{6})\b", mail(data_dir, "verifikācijas")).group(1)
    call("POST", f"/v1/requests/{rid}/verify", "/v1/requests/{requestID}/verify", {"code": "000000" if code != "000000" else "111111"},
         expect=422)
    call("POST", f"/v1/requests/{rid}/verify", "/v1/requests/{requestID}/verify", {"code": code})
    call("POST", f"/v1/requests/{rid}/extend", "/v1/requests/{requestID}/extend", {"by": "P3M", "reasons": "many"}, expect=422)
    # Coral Club's seed answers every message within 30 days (l.131): no extension.
    call("POST", f"/v1/requests/{rid}/extend", "/v1/requests/{requestID}/extend", {"by": "P1M", "reasons": "Many requests"}, expect=422)
    call("POST", f"/v1/requests/{rid}/approve", "/v1/requests/{requestID}/approve", {"note": "Copy attached"})
    call("GET", f"/v1/requests/{rid}", "/v1/requests/{requestID}")
    call("POST", f"/v1/requests/{rid}/reject", "/v1/requests/{requestID}/reject", {"kind": "invalid", "reason": "late"}, expect=409)
    link = re.search(r"/v1/exports/[A-Za-z0-9.\-]+", mail(data_dir, "izpildīts")).group(0)
    call("GET", link, "/v1/exports/{token}", key=None)
    call("GET", "/v1/exports/not.a.token", "/v1/exports/{token}", key=None, expect=410)
    other = call("POST", "/v1/requests", "/v1/requests", {"type": "automated_decision_review", "subject_id": sid, "language": "en",
                 "channel": "post", "details": {"text": "Credit limit refused"}}, expect=201)
    oid = other["id"]
    call("POST", f"/v1/requests/{oid}/verify", "/v1/requests/{requestID}/verify",
         {"attestation": {"method": "qualified_electronic_signature", "checked": "eParaksts valid"}})
    call("POST", f"/v1/requests/{oid}/approve", "/v1/requests/{requestID}/approve")
    call("POST", f"/v1/requests/{oid}/complete", "/v1/requests/{requestID}/complete", {"note": "A credit officer reviewed and confirmed"})
    third = call("POST", "/v1/requests", "/v1/requests", {"type": "erasure", "subject_id": sid, "language": "en", "channel": "post"},
                 expect=201)
    call("POST", f"/v1/requests/{third['id']}/reject", "/v1/requests/{requestID}/reject",
         {"kind": "manifestly_unfounded", "reason": "Third identical request this week"})
    call("POST", f"/v1/requests/{third['id']}/recipients/nobody/confirm", "/v1/requests/{requestID}/recipients/{recipient}/confirm",
         expect=404)

def rewrite_refs(schema):
    """Points the spec's local $refs at the registered document."""
    if isinstance(schema, dict):
        return {k: ("urn:sargs:openapi" + v if k == "$ref" and isinstance(v, str) and v.startswith("#") else rewrite_refs(v))
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [rewrite_refs(v) for v in schema]
    return schema

if __name__ == "__main__":
    main()

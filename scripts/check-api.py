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
        call("POST", f"/v1/subjects/{sid}/restrictions/{restriction['id']}/lift", "/v1/subjects/{subjectID}/restrictions/{restrictionID}/lift", expect=204)
        call("POST", f"/v1/subjects/{sid}/restrictions/{restriction['id']}/lift", "/v1/subjects/{subjectID}/restrictions/{restrictionID}/lift", expect=409)
        call("GET", f"/v1/audit?subject={sid}", "/v1/audit")
        call("GET", "/v1/audit", "/v1/audit", key=service, expect=403)
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

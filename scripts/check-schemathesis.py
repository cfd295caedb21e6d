#!/usr/bin/env python3
"""Schemathesis, every check, against a live server and the OpenAPI document it serves.

Starts `sargs serve` (the built binary) on a free loopback port with a fresh data directory and
the example policy, creates an admin key with `sargs keys create`, and runs schemathesis with
`--checks all`, a fixed seed and a bounded number of cases per operation against
`/openapi.yaml`. Any failure fails the script (exit 1), after a compact summary: the failures per
check and per operation, each with one example. The run must end with zero failures: every
status documented, every schema-invalid request refused, every schema-valid request accepted or
refused with a status the operation documents, as a problem naming the field (see CONFIG).

Usage: python3 scripts/check-schemathesis.py path/to/sargs [--max-examples N] [--seed N] [--keep]
Environment: SARGS_SCHEMATHESIS_ARGS adds arguments to `st run` (e.g. "--include-path /v1/audit").
"""
import argparse, json, os, shlex, shutil, socket, subprocess, sys, tempfile, time, urllib.request
from collections import Counter, defaultdict

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POLICY = os.path.join(ROOT, "examples", "coral-club.yaml")
SCHEMATHESIS_VERSION = "4.32.5"
SEED = 20261205
# Cases per operation in the fuzzing phase (the coverage and stateful phases add their own):
# about 65 s on two cores with a debug build (5,300 responses).
MAX_EXAMPLES = 60

# How often a value with a dictionary (see `seed`) is drawn from it rather than generated.
DICTIONARY_PROBABILITY = 0.6

# What a schema-valid request may be refused with, beyond schemathesis's defaults (2xx, 3xx, 401,
# 403, 404, 409, 429, 5xx; a 5xx still fails not_a_server_error). A value can have the documented
# shape and still name nothing the policy declares (a purpose, a category, a recipient), or break
# a rule a schema cannot state (a collection time before the subject's, a consent for a purpose
# that rests on a contract, an e-mail address that does not parse): the server refuses those with
# 422 naming the field. status_code_conformance still requires each operation to document the 422
# it answers, and the `documented_refusal` check in HOOKS requires the problem to name the field
# and not to be an unknown-field refusal (which would mean the schema allows a field the server
# does not know).
POSITIVE_DEFAULT = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
NEGATIVE_DEFAULT = ["400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429", "5xx"]

# A generated token is never one the server signed, so the token routes (/v1/exports/{token},
# /u/{token}) answer every case with their documented 410 before they look at anything else: for
# them 410 is how a valid request is refused and how an invalid one is.
#
# Nothing is excluded from the run. With one worker and a fixed seed the cases are the same on
# every run (two runs give the same count of every status); only the ids the server makes differ.
# Schemathesis itself does not judge negative cases of a text/plain body (POST /consent/cookies),
# since any value is text once serialised; its positive cases are judged.
CONFIG = f"""
[checks.positive_data_acceptance]
expected-statuses = {json.dumps(POSITIVE_DEFAULT + ["422"])}

[[operations]]
include-path-regex = "^/(v1/exports|u)/"
checks.positive_data_acceptance.expected-statuses = {json.dumps(POSITIVE_DEFAULT + ["410"])}
checks.negative_data_rejection.expected-statuses = {json.dumps(NEGATIVE_DEFAULT + ["410"])}
"""

# A custom check, loaded through SCHEMATHESIS_HOOKS: a schema-valid request refused with 422 must
# be refused by an RFC 9457 problem that names the field at fault, so a refusal is always one the
# operation documents and explains, never a bare status.
HOOKS = '''
import json
import schemathesis
from schemathesis.core.failures import Failure


class UndocumentedRefusal(Failure):
    kind_title = "Schema-valid request refused without a problem naming the field"


@schemathesis.check
def documented_refusal(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    try:
        problem = json.loads(response.content)
    except ValueError:
        problem = None
    if not content_type.startswith("application/problem+json") or not isinstance(problem, dict) or not problem.get("field"):
        raise UndocumentedRefusal(operation=case.operation.label,
                                  message="422 for a schema-valid request must be application/problem+json naming the field; got "
                                          + repr(response.content[:200]))
    if problem.get("detail") == "is not a known field":
        raise UndocumentedRefusal(operation=case.operation.label,
                                  message=f"the schema allows `{problem['field']}`, which the server does not know")
    return None
'''


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_schemathesis():
    try:
        import schemathesis
        if schemathesis.__version__ == SCHEMATHESIS_VERSION:
            return
    except ImportError:
        pass
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"schemathesis=={SCHEMATHESIS_VERSION}"], check=True)


class Server:
    """`sargs serve` on a free loopback port with a fresh data directory."""

    def __init__(self, binary):
        self.binary = binary
        self.data = tempfile.mkdtemp(prefix="sargs-schemathesis-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # The retention scheduler is off so that nothing runs in the background while the cases run.
        self.env = dict(os.environ, SARGS_PUBLIC_URL=self.base, SARGS_RETENTION_SCHEDULE="off")
        out = subprocess.run([binary, "keys", "create", "--role", "admin", "--data-dir", self.data, "--policy", POLICY],
                             capture_output=True, text=True, check=True, env=self.env).stdout
        self.key = [line for line in out.splitlines() if line.startswith("sargs_")][0]
        self.log = open(os.path.join(self.data, "server.log"), "wb")
        self.process = subprocess.Popen([binary, "serve", "--data-dir", self.data, "--policy", POLICY, "--port", str(self.port)],
                                        stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("sargs serve did not start")

    def api(self, method, path, body=None):
        """A call with the admin key; the decoded JSON answer."""
        request = urllib.request.Request(self.base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=20) as response:
            raw = response.read()
            return json.loads(raw) if raw else None

    def alive(self):
        try:
            urllib.request.urlopen(self.base + "/healthz", timeout=5)
            return self.process.poll() is None
        except OSError:
            return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def seed(server):
    """One of each resource the paths name, made before the run, so that cases reach past the 404 of an
    unknown id. Their ids, and the policy's own ids, go to schemathesis as dictionaries: a share of the
    generated values is drawn from them (the rest stays generated), so that cases name a real subject,
    purpose or category and get as far as the server's deeper checks and its successes."""
    sid = server.api("POST", "/v1/subjects", {"country": "LV", "language": "lv", "source": "web", "collected_for": "services",
                                             "data": {"user.contact.email": "anna@example.lv", "user.name": "Anna"}})["id"]
    event = server.api("POST", f"/v1/subjects/{sid}/consents", {"purpose": "marketing", "channel": "email", "state": "given",
                                                                "method": "web_form"})["id"]
    pending = server.api("POST", f"/v1/subjects/{sid}/consents", {"purpose": "contests-and-surveys", "state": "given",
                                                                  "method": "web_form", "verification": {"channel": "email"}})["id"]
    restriction = server.api("POST", f"/v1/subjects/{sid}/restrictions", {"reason": "accuracy"})["id"]
    hold = server.api("POST", f"/v1/subjects/{sid}/holds", {"reason": "litigation"})["id"]
    request = server.api("POST", "/v1/requests", {"type": "access", "subject_id": sid, "language": "lv", "channel": "web"})["id"]
    breach = server.api("POST", "/v1/breaches", {"discovered_at": "2026-01-05T10:00:00Z", "nature": "Stolen laptop",
                                                 "categories": ["user.name"], "approximate_subjects": 1, "approximate_records": 1,
                                                 "consequences": "Phishing", "measures": "Locked", "subject_ids": [sid]})["id"]
    version = server.api("GET", "/v1/policy/versions")["versions"][0]["id"]
    token = server.api("POST", "/v1/unsubscribe-links", {"subject_id": sid, "purpose": "marketing"})["url"].rsplit("/", 1)[1]
    policy = yaml.safe_load(open(POLICY, encoding="utf-8"))
    values = {
        "subject-ids": [sid], "event-ids": [event], "pending-ids": [pending], "restriction-ids": [restriction],
        "hold-ids": [hold], "request-ids": [request], "breach-ids": [breach], "version-ids": [version], "tokens": [token],
        "purposes": [purpose["id"] for purpose in policy["purposes"]],
        "categories": [category["key"] for category in policy["data_categories"]],
        "recipients": [recipient["id"] for recipient in policy["recipients"]],
        "languages": policy["languages"], "countries": [policy["jurisdiction"]["member_state"]],
        "emails": ["anna@example.lv"],
    }
    bindings = {
        "path.subjectID": "subject-ids", "path.eventID": "event-ids", "path.pendingID": "pending-ids",
        "path.restrictionID": "restriction-ids", "path.holdID": "hold-ids", "path.requestID": "request-ids",
        "path.breachID": "breach-ids", "path.versionID": "version-ids", "path.token": "tokens", "path.recipient": "recipients",
        "query.purpose": "purposes", "query.subject": "subject-ids",
        "body.purpose": "purposes", "body.collected_for": "purposes", "body.categories[*]": "categories",
        "body.recipient": "recipients", "body.language": "languages", "body.country": "countries",
        "body.subject_id": "subject-ids", "body.subject_ids[*]": "subject-ids", "body.email": "emails",
    }
    text = ""
    for name, entries in values.items():
        text += f"[dictionaries.{name}]\nvalues = {json.dumps(entries)}\n\n"
    text += "[parameters]\n"
    for key, name in bindings.items():
        text += f'"{key}" = {{ dictionary = "{name}", probability = {DICTIONARY_PROBABILITY} }}\n'
    return text


def summarise(ndjson_path):
    """Failures per check and per operation from the NDJSON event stream, each with its examples."""
    failures = defaultdict(list)  # (check, operation) -> [(status, message, request, response body)]
    statuses = Counter()
    errors = []
    with open(ndjson_path, encoding="utf-8") as stream:
        for line in stream:
            event = json.loads(line)
            if "NonFatalError" in event:
                error = event["NonFatalError"]
                errors.append(f"{error.get('label', '')}: {str((error.get('info') or {}).get('message', ''))[:300]}")
                continue
            if "ScenarioFinished" not in event:
                continue
            recorder = event["ScenarioFinished"].get("recorder") or {}
            interactions = recorder.get("interactions") or {}
            for interaction in interactions.values():
                status = (interaction.get("response") or {}).get("status_code")
                if status:
                    statuses[status] += 1
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    if check.get("status") != "failure":
                        continue
                    info = (check.get("failure_info") or {}).get("failure") or {}
                    operation = info.get("operation") or recorder.get("label") or "?"
                    message = f"{info.get('code', '')} {info.get('title', '')}: " + brief(info.get("message") or "")
                    case = ((recorder.get("cases") or {}).get(case_id) or {}).get("value") or {}
                    response = (interactions.get(case_id) or {}).get("response") or {}
                    failures[(check.get("name"), operation)].append((response.get("status_code"), message, describe(case),
                                                                      body_text(response)))
    return failures, statuses, errors


def brief(message):
    """A failure message without schemathesis's boilerplate lines and advice."""
    skip = ("Invalid data should have been rejected", "Valid data should have been accepted", "Expected:", "Return 405",
            "List exactly", "Add `Allow`")
    lines = [line.strip() for line in message.splitlines() if line.strip() and not line.strip().startswith(skip)]
    return " | ".join(lines)


def describe(case):
    """A case as one line: method, path with its parameters, query, body."""
    path = case.get("path", "")
    for name, value in (case.get("path_parameters") or {}).items():
        path = path.replace("{" + name + "}", str(value))
    query = case.get("query")
    text = f"{case.get('method', '?')} {path}"
    if query:
        text += "?" + "&".join(f"{key}={item}" for key, value in query.items() for item in (value if isinstance(value, list) else [value]))
    if "body" in case:
        text += f" [{case.get('media_type', '')}] " + json.dumps(case["body"], ensure_ascii=True)
    return text


def body_text(response):
    content = response.get("content") or {}
    if "$base64" in content:
        import base64
        return base64.b64decode(content["$base64"]).decode("utf-8", "replace")
    return str(content.get("string", ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--max-examples", type=int, default=MAX_EXAMPLES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", action="store_true", help="keep the data directory and the reports")
    args = parser.parse_args()
    ensure_schemathesis()

    work = tempfile.mkdtemp(prefix="sargs-st-")
    server = Server(args.binary)
    try:
        dictionaries = seed(server)
    except Exception:
        server.stop()
        raise
    with open(os.path.join(work, "schemathesis.toml"), "w", encoding="utf-8") as config:
        config.write(dictionaries + CONFIG)
    with open(os.path.join(work, "sargs_schemathesis_hooks.py"), "w", encoding="utf-8") as hooks:
        hooks.write(HOOKS)
    ndjson = os.path.join(work, "events.ndjson")
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", os.path.join(work, "schemathesis.toml"), "run", f"{server.base}/openapi.yaml",
               "--checks", "all",
               "--seed", str(args.seed),
               "--max-examples", str(args.max_examples),
               # One worker: the cases and their order depend on the seed alone, not on thread timing.
               "--workers", "1",
               "--no-shrink",
               "--request-timeout", "20",
               "--continue-on-failure",
               "--report", "ndjson", "--report-ndjson-path", ndjson,
               "-H", f"Authorization: Bearer {server.key}"]
    command += shlex.split(os.environ.get("SARGS_SCHEMATHESIS_ARGS", ""))
    shown = " ".join(shlex.quote(part) for part in command).replace(server.key, "$ADMIN_KEY")
    print(f"schemathesis {SCHEMATHESIS_VERSION}: {shown}", flush=True)
    env = dict(os.environ, SCHEMATHESIS_HOOKS="sargs_schemathesis_hooks", PYTHONPATH=work + os.pathsep + os.environ.get("PYTHONPATH", ""))
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
        # A crash would show as connection errors; say so plainly.
        alive = server.alive()
    finally:
        server.stop()
    elapsed = time.monotonic() - started
    with open(os.path.join(work, "st-output.txt"), "w", encoding="utf-8") as output:
        output.write(result.stdout + result.stderr)

    if not os.path.exists(ndjson):
        print(result.stdout[-5000:] + result.stderr[-5000:])
        print(f"FAIL schemathesis did not run (exit {result.returncode})")
        print("schemathesis: 0 passed, 1 failed")
        sys.exit(1)
    failures, statuses, errors = summarise(ndjson)
    print(f"{sum(statuses.values())} responses in {elapsed:.0f} s; statuses: "
          + ", ".join(f"{code}×{n}" for code, n in sorted(statuses.items())))
    by_check = Counter()
    for (check, _), found in failures.items():
        by_check[check] += len(found)
    for check, count in sorted(by_check.items()):
        print(f"FAIL {check}: {count} case(s)")
        for (name, operation), found in sorted(failures.items()):
            if name != check:
                continue
            status, message, request, response = found[0]
            print(f"     {operation}: {len(found)} case(s); {message[:240]}")
            print(f"       e.g. {request[:300]} -> {status} {response[:200]}")
    if not alive:
        errors.append("the server was no longer answering after the run (see server.log; run with --keep)")
    failed = sum(by_check.values()) + len(errors)
    if result.returncode != 0 and not failed:
        print(result.stdout[-3000:] + result.stderr[-3000:])
        failed = 1
    if args.keep:
        print(f"kept: {work} (reports, st-output.txt) and {server.data} (data directory, server.log)")
    else:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(server.data, ignore_errors=True)
    print(f"schemathesis: {0 if failed else 1} passed, {1 if failed else 0} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

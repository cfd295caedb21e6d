"""Drives a running Fides webserver through its REST API for bench/fides.sh.

`configure`: registers the shop database as a postgres connection, uploads the fideslang dataset
file to it unchanged, and makes an access policy (one rule on `user`, results written to a local
JSON storage destination). `run`: sends one access request per email, one after another, and
times each from the request that creates it until Fides reports it complete. With Celery in
eager mode the create call itself runs the whole request, so the status read after it is a
check (and would wait if a step were left pending). Prints p50/p90/mean in ms.

Run with the Fides virtualenv's Python (it has requests).
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import datetime
from urllib.parse import urlparse

import requests

API = "/api/v1"
CONNECTION = "bench_shop"
POLICY = "bench_access"
RULE = "bench_access_rule"
STORAGE = "bench_local_json"


def token(base: str, client_id: str, secret: str) -> dict:
    reply = requests.post(
        base + API + "/oauth/token",
        data={"client_id": client_id, "client_secret": secret, "grant_type": "client_credentials"},
        timeout=30,
    )
    reply.raise_for_status()
    return {"Authorization": "Bearer " + reply.json()["access_token"]}


def call(method: str, url: str, headers: dict, **kwargs) -> dict:
    reply = requests.request(method, url, headers=headers, timeout=600, **kwargs)
    if reply.status_code >= 300:
        sys.exit(f"{method} {url} -> {reply.status_code}: {reply.text[:2000]}")
    body = reply.json() if reply.content else {}
    if isinstance(body, dict) and body.get("failed"):
        sys.exit(f"{method} {url} -> failed: {body['failed']}")
    return body


def configure(args: argparse.Namespace) -> None:
    base, auth = args.fides, token(args.fides, args.client_id, args.client_secret)
    shop = urlparse(args.shop)
    call("PATCH", base + API + "/connection", auth, json=[{
        "key": CONNECTION, "name": "Shop database", "connection_type": "postgres", "access": "read",
    }])
    call("PUT", base + API + f"/connection/{CONNECTION}/secret", auth, json={
        "host": shop.hostname, "port": shop.port or 5432, "dbname": shop.path.lstrip("/"),
        "username": shop.username, "password": shop.password,
    })
    with open(args.dataset, "rb") as dataset:
        uploaded = call("PATCH", base + API + f"/yml/connection/{CONNECTION}/dataset",
                        {**auth, "Content-Type": "application/x-yaml"}, data=dataset.read())
    print("dataset accepted:", ", ".join(d["fides_key"] for d in uploaded["succeeded"]))
    call("PATCH", base + API + "/storage/config", auth, json=[{
        "key": STORAGE, "name": "Bench local JSON", "type": "local", "format": "json",
        "details": {"naming": "request_id"},
    }])
    call("PATCH", base + API + "/dsr/policy", auth, json=[{"key": POLICY, "name": "Bench access"}])
    call("PATCH", base + API + f"/dsr/policy/{POLICY}/rule", auth, json=[{
        "key": RULE, "name": "Everything about the user", "action_type": "access",
        "storage_destination_key": STORAGE,
    }])
    call("PATCH", base + API + f"/dsr/policy/{POLICY}/rule/{RULE}/target", auth, json=[{
        "key": "bench_user", "name": "user", "data_category": "user",
    }])
    print("configured connection, dataset, policy")


def fetch(base: str, auth: dict, request_id: str) -> dict:
    page = call("GET", base + API + "/privacy-request", auth, params={"request_id": request_id})
    return page["items"][0]


def one_request(base: str, auth: dict, email: str) -> tuple:
    """Returns (seconds from the create call to a status read of `complete`, the request's id,
    Fides' own created_at→finished_processing_at in seconds)."""
    started = time.perf_counter()
    created = call("POST", base + API + "/privacy-request/authenticated", auth,
                   json=[{"identity": {"email": email}, "policy_key": POLICY}])
    request_id = created["succeeded"][0]["id"]
    while True:
        request = fetch(base, auth, request_id)
        if request["status"] == "complete":
            elapsed = time.perf_counter() - started
            break
        if request["status"] in ("error", "canceled", "denied", "requires_input", "paused"):
            sys.exit(f"request {request_id} for {email} ended as {request['status']}")
        time.sleep(0.005)
    own = (datetime.fromisoformat(request["finished_processing_at"].replace("Z", "+00:00"))
           - datetime.fromisoformat(request["created_at"].replace("Z", "+00:00"))).total_seconds()
    return elapsed, request_id, own


def percentile(values: list, fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def rows_found(uploads: str, request_ids: list) -> str:
    """What the requests found, from the JSON files the local storage destination wrote:
    the mean number of rows per collection (a check that Fides did the same work as Sargs)."""
    totals: dict = {}
    for request_id in request_ids:
        with open(os.path.join(uploads, request_id + ".json"), encoding="utf-8") as result:
            for collection, rows in json.load(result).items():
                totals[collection] = totals.get(collection, 0) + len(rows)
    if not totals:
        return "nothing (no collection returned a row)"
    return ", ".join(f"{collection.split(':')[-1]} {count / len(request_ids):.1f}"
                     for collection, count in sorted(totals.items()))


def run(args: argparse.Namespace) -> None:
    base, auth = args.fides, token(args.fides, args.client_id, args.client_secret)
    with open(args.emails, encoding="utf-8") as lines:
        emails = [line.strip() for line in lines if line.strip()]
    warmup, timed = emails[: args.warmup], emails[args.warmup : args.warmup + args.count]
    if not timed:
        sys.exit(f"{args.emails} has no email left after {args.warmup} for the warm-up")
    for email in warmup:
        one_request(base, auth, email)
    results = [one_request(base, auth, email) for email in timed]
    timings = [elapsed * 1000 for elapsed, _, _ in results]
    own = [seconds * 1000 for _, _, seconds in results]
    print(f"{len(timings)} access requests, one at a time (after {len(warmup)} warm-up): "
          f"p50 {percentile(timings, 0.5):.0f} ms, p90 {percentile(timings, 0.9):.0f} ms, "
          f"mean {statistics.mean(timings):.0f} ms, min {min(timings):.0f} ms, max {max(timings):.0f} ms")
    print(f"  Fides' own created→finished: p50 {percentile(own, 0.5):.0f} ms, "
          f"p90 {percentile(own, 0.9):.0f} ms")
    if args.uploads:
        print("  rows found per request:", rows_found(args.uploads, [r for _, r, _ in results]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fides", default="http://127.0.0.1:8080")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    commands = parser.add_subparsers(dest="command", required=True)
    setup = commands.add_parser("configure")
    setup.add_argument("--shop", required=True, help="postgres://user:password@host:port/database")
    setup.add_argument("--dataset", required=True)
    timing = commands.add_parser("run")
    timing.add_argument("--emails", required=True)
    timing.add_argument("--count", type=int, default=50)
    timing.add_argument("--warmup", type=int, default=3, help="requests before the timed ones, not counted")
    timing.add_argument("--uploads", help="the local storage folder (fides_uploads in Fides' working directory)")
    args = parser.parse_args()
    {"configure": configure, "run": run}[args.command](args)


if __name__ == "__main__":
    main()

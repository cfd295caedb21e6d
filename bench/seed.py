"""Seeds a running Sargs server (Coral Club policy) for the HTTP benchmarks: 1,000 subjects with
a customer relationship, half of them with consent to marketing e-mails.
Usage: python3 bench/seed.py PORT KEY IDS_FILE [BATCH_FILE]
Writes the subject ids, comma-separated, to IDS_FILE; with BATCH_FILE also a 10,000-id body for
POST /v1/decisions/batch."""
import json
import sys
import urllib.request

port, key, ids_file = sys.argv[1], sys.argv[2], sys.argv[3]
batch_file = sys.argv[4] if len(sys.argv) > 4 else None


def post(path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request).read() or b"{}")


ids = []
for n in range(1000):
    sid = post("/v1/subjects", {"country": "LV", "language": "lv", "source": "seed", "collected_for": "services",
                                "data": {"user.contact.email": f"seed{n}@example.lv", "user.name": "Seed"}})["id"]
    post(f"/v1/subjects/{sid}/relationships", {"kind": "customer", "start": "2025-01-01T00:00:00Z"})
    if n % 2 == 0:
        post(f"/v1/subjects/{sid}/consents", {"purpose": "marketing", "state": "given", "method": "seed"})
    ids.append(sid)
with open(ids_file, "w") as out:
    out.write(",".join(ids))
if batch_file:
    with open(batch_file, "w") as out:
        json.dump({"purpose": "marketing", "channel": "email", "subject_ids": (ids * 10)[:10000]}, out)

"""The import file of the real-size HTTP benchmark (bench/realsize.sh): COUNT Coral Club customers
as JSON Lines for `sargs subjects import`, each with three sealed values (name, e-mail address
personN@example.lv, phone number), an open `customer` relationship and a marketing consent given by
e-mail, all dated between 2019 and 2024 (the collection, the relationship's start and the consent
fall on the same moment). Subject N has the external reference rs-N.

Made once: OUT_DIR/subjects-COUNT.jsonl is reused when it exists (it is written under a temporary
name and renamed when complete, so a file that exists is whole). Prints the file's path.
Usage: python3 bench/realsize-seed.py COUNT OUT_DIR"""
import datetime
import os
import sys

count, out_dir = int(sys.argv[1]), sys.argv[2]
if not 1 <= count <= 9_999_999:
    sys.exit("COUNT must be 1-9,999,999 (the phone numbers have seven free digits)")
path = os.path.join(out_dir, f"subjects-{count}.jsonl")
if not os.path.exists(path):
    os.makedirs(out_dir, exist_ok=True)
    # 2,190 days from 2019-01-01: the moments are spread over six years, each a distinct minute of the
    # working day, fixed by N so that the same COUNT always gives the same file.
    start = datetime.datetime(2019, 1, 1, 8, 0)
    days = [(start + datetime.timedelta(days=d)).strftime("%Y-%m-%d") for d in range(2190)]
    line = ('{"external_ref":"rs-%d","country":"LV","language":"lv","source":"crm","collected_for":"services",'
            '"collected_at":"%sT%02d:%02d:00Z","data":{"user.name":"Person %d","user.contact.email":"person%d@example.lv",'
            '"user.contact.phone_number":"+3712%07d"},"relationships":[{"kind":"customer","start":"%sT%02d:%02d:00Z"}],'
            '"consents":[{"purpose":"marketing","channel":"email","state":"given","method":"crm_import","at":"%sT%02d:%02d:00Z"}]}\n')
    partial = f"{path}.{os.getpid()}.partial"
    with open(partial, "w", buffering=1 << 20) as out:
        chunk = []
        for n in range(count):
            day = days[(n * 7919) % 2190]
            hour, minute = 8 + (n * 31) % 10, (n * 17) % 60
            chunk.append(line % (n, day, hour, minute, n, n, n, day, hour, minute, day, hour, minute))
            if len(chunk) == 10_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
    os.replace(partial, path)
print(path)

"""The disk's ceiling for the server's writes: single-row SQLite transactions per second in WAL
mode, with synchronous=NORMAL (the server's setting) and FULL, each committed alone, for a few
seconds. Prints one line per setting. Usage: python3 bench/commit-ceiling.py DIRECTORY [SECONDS]"""
import os
import sqlite3
import sys
import time

directory = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3
for synchronous in ["NORMAL", "FULL"]:
    path = os.path.join(directory, f"ceiling-{synchronous.lower()}.sqlite")
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA synchronous={synchronous}")
    connection.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)")
    count, start = 0, time.monotonic()
    while time.monotonic() - start < seconds:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t (v) VALUES ('x')")
        connection.execute("COMMIT")
        count += 1
    print(f"{synchronous} {count / (time.monotonic() - start):.0f}")
    connection.close()

#!/usr/bin/env python3
"""A 50-table SQLite database for the discovery scan benchmark: 10,000 rows a table, six columns,
a third of the tables with people's columns (e-mail, phone, personal code, name), the rest orders
and products. Usage: bench/scan-seed.py PATH [tables] [rows]"""
import random, sqlite3, sys

path = sys.argv[1]
tables = int(sys.argv[2]) if len(sys.argv) > 2 else 50
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
db = sqlite3.connect(path)
for t in range(tables):
    if t % 3 == 0:
        db.execute(f"create table customers_{t} (id integer primary key, email text, phone text, personal_code text, name text, note text)")
        db.executemany(f"insert into customers_{t} values (?,?,?,?,?,?)", [
            (i, f"c{i}@example.lv", f"+3712{i:07d}", f"0101{80 + i % 20:02d}-1{i % 10000:04d}", f"Client {i}",
             "call +37120000000" if i % 7 == 0 else "door") for i in range(rows)])
    else:
        db.execute(f"create table orders_{t} (id integer primary key, customer_id integer, total numeric, status text, created_at text, sku text)")
        db.executemany(f"insert into orders_{t} values (?,?,?,?,?,?)", [
            (i, random.randrange(100000), round(random.random() * 100, 2), "paid", "2026-01-01", f"SKU-{i}") for i in range(rows)])
db.commit()

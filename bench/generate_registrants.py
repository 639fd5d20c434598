#!/usr/bin/env python3
"""Prepares the registration load test (bench/registrations.sh): PEOPLE talents, each with
a session whose cookie is `hub_session=bench-session-N`, and one event (id 900000) with
CAPACITY places whose registration is open now.

Prints SQL; pipe it into `sqlite3 FILE`, or (with `postgres` as last argument) `psql`.
Run it on a database the hub created with its demo data (HUB_DEMO_DATA=true).
    python3 bench/generate_registrants.py 5000 1000 | sqlite3 data/hub.db
"""
import hashlib
import sys
import time

people = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
capacity = int(sys.argv[2]) if len(sys.argv) > 2 else people // 5
postgres = sys.argv[-1] == "postgres"
overriding = " OVERRIDING SYSTEM VALUE" if postgres else ""
now = int(time.time() * 1000)
DAY = 86_400_000
first = 3_000_000
EVENT = 900_000

out = sys.stdout
out.write("BEGIN;\n")
for start in range(0, people, 1000):
    batch = range(start, min(start + 1000, people))
    rows = ",\n".join(
        f"({first + i}, 'talent', 'load{i}@bench.example', '压测人才{i:05d}', '!', {now})" for i in batch)
    out.write(f"INSERT INTO accounts (id, role, email, display_name, password_hash, created_at){overriding} VALUES\n{rows};\n")
    rows = ",\n".join(
        f"('{hashlib.sha256(f'bench-session-{i}'.encode()).hexdigest()}', {first + i}, {now}, {now}, {now + DAY})"
        for i in batch)
    out.write(f"INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at) VALUES\n{rows};\n")
staff = "(SELECT id FROM accounts WHERE email = 'staff@demo.hub')"
out.write(
    f"INSERT INTO events (id, kind, title_zh, title_en, description_zh, description_en, starts_at, ends_at, place, "
    f"online_link, capacity, registration_opens_at, registration_closes_at, audience, created_by, created_at, "
    f"updated_at){overriding} VALUES ({EVENT}, 'conference', '压测大会', 'Load test conference', '压测', 'Load test', "
    f"{now + 10 * DAY}, {now + 10 * DAY + 8 * 3_600_000}, '悦来国际会议中心', 'https://live.example.cn/load', {capacity}, "
    f"{now - DAY}, {now + 9 * DAY}, 'everyone', {staff}, {now}, {now});\n")
out.write("COMMIT;\n")

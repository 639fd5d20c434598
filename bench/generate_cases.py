#!/usr/bin/env python3
"""Fills a hub database with an office's history for the dashboard benchmark: COUNT cases
over the last three years (most decided, some paid and rated, the recent ones still in
progress, some overdue) from 20,000 talents, across the demo service items, and one
concern for every ten cases.

Prints SQL; pipe it into `sqlite3 FILE`, or (with `postgres` as second argument) `psql`.
Run it on a database the hub created with its demo data (HUB_DEMO_DATA=true).
    python3 bench/generate_cases.py 1000000 | sqlite3 data/hub.db
    python3 bench/generate_cases.py 1000000 postgres | psql postgres://…
"""
import datetime
import random
import sys
import time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
postgres = len(sys.argv) > 2 and sys.argv[2] == "postgres"
overriding = " OVERRIDING SYSTEM VALUE" if postgres else ""
rng = random.Random(2026)
DAY = 86_400_000
now_ms = int(time.time() * 1000)
# China time (UTC+8) decides which day a moment belongs to.
today = (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).date()
items = [("LJ-GRAD-RESETTLE", 10, 1_000_000), ("LJ-HIGH-LEVEL", 20, 50_000_000),
         ("LJ-SCIENTIST-TEAM", 30, 200_000_000), ("LJ-TALENT-CARD", 5, None), ("LJ-HOUSING", 15, 3_600_000)]
talents = 20_000
first_talent = 2_000_000


def q(text):
    return "'" + text.replace("'", "''") + "'"


def midnight_ms(day):
    return int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc).timestamp() * 1000) - 8 * 3_600_000


def working_days_after(day, n):
    while n > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


out = sys.stdout
out.write("BEGIN;\n")
staff = "(SELECT id FROM accounts WHERE email = 'staff@demo.hub')"
for t in range(0, talents, 1000):
    rows = ",\n".join(
        f"({first_talent + i}, 'talent', {q(f'bench-talent{i}@bench.example')}, {q(f'测试人才{i:05d}')}, '!', {now_ms})"
        for i in range(t, min(t + 1000, talents)))
    out.write(f"INSERT INTO accounts (id, role, email, display_name, password_hash, created_at){overriding} VALUES\n{rows};\n")

counters = {}
batch = []
columns = ("number, applicant_id, item_code, item_version, state, active, answers, assignee_id, amount_fen, "
           "approved_by, disbursement_ref, submitted_at, accepted_on, due_on, decided_at, decision_days, decided_late, "
           "disbursed_at, rating, rating_comment, rated_at, version, created_at, updated_at")
for i in range(count):
    code, limit, max_fen = items[rng.randrange(len(items))]
    age = int(rng.random() ** 1.3 * 3 * 365)  # more recent cases than old ones
    submitted_day = today - datetime.timedelta(days=age)
    submitted = midnight_ms(submitted_day) + rng.randrange(8 * 3_600_000, 18 * 3_600_000)
    year = submitted_day.year
    counters[year] = counters.get(year, 200_000) + 1
    number = f"LJ-{year}-{counters[year]:06d}"
    accepted_day = min(working_days_after(submitted_day, rng.randrange(0, 3)), today)
    due_day = working_days_after(accepted_day, limit)
    took = min(int(rng.expovariate(1 / (limit * 0.6))), 60)
    decided_day = working_days_after(accepted_day, took)
    state, decided, accepted = "", None, True
    amount = approver = paid = rating = rated = None
    assignee = "NULL"
    if decided_day > today:
        # Still in progress (or not yet accepted when just submitted).
        if age <= 1 and rng.random() < 0.5:
            state, accepted = "submitted", False
        else:
            state = rng.choice(["under_review"] * 6 + ["supplement_requested", "pending_sign_off"])
            assignee = staff
    else:
        decided = midnight_ms(decided_day) + rng.randrange(9 * 3_600_000, 17 * 3_600_000)
        roll = rng.random()
        if roll < 0.08:
            state = "not_accepted"
        elif roll < 0.25:
            state = "rejected"
        else:
            approver = staff
            amount = rng.randrange(1, max_fen // 100_000 + 1) * 100_000 if max_fen else None
            if amount and (today - decided_day).days > 7:
                state = "disbursed" if rng.random() < 0.6 else "closed"
                if state == "disbursed":
                    paid = decided + rng.randrange(1, 7) * DAY
            else:
                state = "approved" if amount else "closed"
        if rng.random() < 0.55:
            rating = rng.choices([1, 2, 3, 4, 5], weights=[3, 3, 8, 26, 60])[0]
            rated = decided + rng.randrange(1, 5) * DAY
    row = [q(number), str(first_talent + rng.randrange(talents)), q(code), "1", q(state), "0", "'{}'", assignee,
           str(amount) if amount else "NULL", approver or "NULL", q(f"PAY-{i}" if paid else ""), str(submitted),
           q(accepted_day.isoformat()) if accepted else "NULL", q(due_day.isoformat()) if accepted else "NULL",
           str(decided) if decided else "NULL",
           str(took if state != "not_accepted" else 0) if decided else "NULL",
           "1" if decided and decided_day > due_day else "0",
           str(paid) if paid else "NULL", str(rating) if rating else "NULL",
           q("等待时间太长" if rating and rating <= 2 else ""), str(rated) if rated else "NULL", "1",
           str(submitted), str(decided or submitted)]
    batch.append("(" + ", ".join(row) + ")")
    if len(batch) == 500 or i == count - 1:
        out.write(f"INSERT INTO cases ({columns}) VALUES\n" + ",\n".join(batch) + ";\n")
        batch = []

batch = []
kinds = ["consultation", "consultation", "complaint", "suggestion"]
for i in range(count // 10):
    age = int(rng.random() ** 1.3 * 3 * 365)
    day = today - datetime.timedelta(days=age)
    created = midnight_ms(day) + rng.randrange(8 * 3_600_000, 20 * 3_600_000)
    state = rng.choice(["open", "answered"]) if age < 10 else rng.choice(["resolved"] * 6 + ["closed", "answered"])
    rating = rng.randrange(1, 6) if state == "resolved" and rng.random() < 0.5 else None
    batch.append(f"({q(f'SQ-{day.year}-{200_000 + i:06d}')}, {q(rng.choice(kinds))}, {first_talent + rng.randrange(talents)}, "
                 f"{q(f'咨询事项 {i}')}, '具体内容', {q(state)}, {q(working_days_after(day, 5).isoformat())}, "
                 f"{rating or 'NULL'}, {created}, {created})")
    if len(batch) == 500 or i == count // 10 - 1:
        out.write("INSERT INTO concerns (number, kind, requester_id, subject, body, state, due_on, rating, created_at, updated_at) VALUES\n"
                  + ",\n".join(batch) + ";\n")
        batch = []
out.write("COMMIT;\n")

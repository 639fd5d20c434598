#!/usr/bin/env python3
"""Fills a hub database with talent demand for benchmarks: ENTERPRISES verified enterprises
and COUNT approved posts spread over industries, locations, salaries and closing dates
(about one in ten already past its closing date, one in twenty closed), published over
the last year.

Prints SQL; pipe it into `sqlite3 FILE`, or (with `postgres` as second argument) `psql`.
    python3 bench/generate_posts.py 100000 | sqlite3 data/hub.db
    python3 bench/generate_posts.py 100000 postgres | psql postgres://…
"""
import datetime
import random
import sys
import time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
enterprises = max(1, count // 100)
# PostgreSQL generates account ids itself unless told the script sets them.
overriding = " OVERRIDING SYSTEM VALUE" if len(sys.argv) > 2 and sys.argv[2] == "postgres" else ""
rng = random.Random(2026)
now_ms = int(time.time() * 1000)
today = datetime.date.today()

industries = ["automobile", "electronics", "equipment", "biomedicine", "new_materials",
              "digital_economy", "modern_services", "other"]
locations = ["lijia", "yuelai", "shuitu", "longxing", "yufu", "konggang", "cuntan", "other"]
educations = [("", 0), ("vocational", 2), ("associate", 3), ("bachelor", 4), ("master", 5), ("doctorate", 6)]
roles_zh = ["工程师", "研发工程师", "工艺工程师", "技师", "产品经理", "数据分析师", "质量工程师", "销售经理"]
roles_en = ["engineer", "R&D engineer", "process engineer", "technician", "product manager",
            "data analyst", "quality engineer", "sales manager"]
fields_zh = ["电池", "芯片", "软件", "机器人", "医药", "材料", "汽车电子", "智能制造"]
fields_en = ["Battery", "Chip", "Software", "Robotics", "Pharma", "Materials", "Automotive electronics",
             "Smart manufacturing"]


def q(text):
    return "'" + text.replace("'", "''") + "'"


def check_char(body):
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(alphabet.index(c) * w for c, w in zip(body, weights))
    return body + alphabet[(31 - total % 31) % 31]


out = sys.stdout
out.write("BEGIN;\n")
first_account = 1_000_000
for e in range(enterprises):
    account_id = first_account + e
    code = check_char(f"91500000MB{e:07d}")
    name = f"两江测试企业{e:05d}有限公司"
    out.write(
        "INSERT INTO accounts (id, role, email, display_name, password_hash, created_at, org_name, "
        f"credit_code, contact_person, verification){overriding} VALUES "
        f"({account_id}, 'enterprise', {q(f'bench{e}@bench.example')}, {q(name)}, '!', {now_ms}, "
        f"{q(name)}, {q(code)}, '测试', 'verified');\n"
    )
batch = []
for i in range(count):
    e = rng.randrange(enterprises)
    k = rng.randrange(len(roles_zh))
    f = rng.randrange(len(fields_zh))
    title_zh = f"{fields_zh[f]}{roles_zh[k]}"
    title_en = f"{fields_en[f]} {roles_en[k]}"
    org = f"两江测试企业{e:05d}有限公司"
    education, rank = rng.choice(educations)
    low = rng.randrange(5, 40) * 1000
    high = low + rng.randrange(1, 20) * 1000
    published = now_ms - rng.randrange(365) * 86_400_000 - rng.randrange(86_400_000)
    closes = today + datetime.timedelta(days=rng.randrange(-36, 330))
    state = "closed" if rng.random() < 0.05 else "open"
    search = f"{title_zh} {title_en} {org}".lower()
    batch.append(
        f"({first_account + e}, '{state}', {q(title_zh)}, {q(title_en)}, {q('负责' + title_zh + '相关工作。')}, "
        f"{q('Work as a ' + title_en.lower() + '.')}, {q(rng.choice(industries))}, {rng.randrange(1, 30)}, "
        f"{q(education)}, {rank}, {rng.randrange(0, 8)}, {low}, {high}, {q(rng.choice(locations))}, "
        f"{q(closes.isoformat())}, {q(search)}, {published}, {published}, {published})"
    )
    if len(batch) == 500 or i == count - 1:
        out.write(
            "INSERT INTO job_posts (enterprise_id, state, title_zh, title_en, description_zh, description_en, "
            "industry, headcount, education, education_rank, experience_years, salary_min, salary_max, "
            "location, closes_on, search_text, published_at, created_at, updated_at) VALUES\n"
            + ",\n".join(batch) + ";\n"
        )
        batch = []
out.write("COMMIT;\n")

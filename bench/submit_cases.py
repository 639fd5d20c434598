"""Drives case submissions against a running hub (see bench/case-submissions.sh).

Signs in as the demo talent and, from several threads, starts applications for the
schooling service (which allows several at once), saves the answers and submits them.
Prints submissions per second and the latency of the submit call itself.
"""
import http.client
import sys
import threading
import time
import urllib.parse

base, total, concurrency = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
host = urllib.parse.urlparse(base).netloc


def post(conn, path, form, cookie=None):
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    conn.request("POST", path, urllib.parse.urlencode(form), headers)
    response = conn.getresponse()
    body = response.read().decode()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status} {body}")
    return response, body


conn = http.client.HTTPConnection(host)
response, _ = post(conn, "/api/accounts/sign_in", {"login": "talent@demo.hub", "password": "demo-pass-2026", "next": ""})
cookie = next(c.split(";")[0] for c in response.headers.get_all("Set-Cookie") if c.startswith("hub_session="))

lock = threading.Lock()
remaining = [total]
submit_times = []
errors = []


def worker():
    conn = http.client.HTTPConnection(host)
    while True:
        with lock:
            if remaining[0] == 0:
                return
            remaining[0] -= 1
        try:
            _, body = post(conn, "/api/cases/start", {"code": "LJ-SCHOOLING"}, cookie)
            case = body.strip()
            _, version = post(conn, "/api/cases/save", {
                "id": case, "version": "1",
                "answers[child_name]": "李小明", "answers[child_birth_date]": "2018-05-01",
                "answers[preferred_school]": "两江新区第一小学",
            }, cookie)
            started = time.perf_counter()
            post(conn, "/api/cases/submit", {"id": case, "version": version.strip()}, cookie)
            with lock:
                submit_times.append(time.perf_counter() - started)
        except Exception as error:  # noqa: BLE001 - report and go on
            with lock:
                errors.append(str(error))


began = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - began

done = len(submit_times)
submit_times.sort()
pct = lambda p: submit_times[min(done - 1, int(p * done))] * 1000 if done else float("nan")
print(f"  {done} cases submitted in {elapsed:.1f} s: {done / elapsed:.0f} applications/s "
      f"(start + save + submit, {3 * done / elapsed:.0f} requests/s)")
print(f"  submit call latency: p50 {pct(0.5):.1f} ms, p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms")
if errors:
    print(f"  {len(errors)} errors, first: {errors[0]}")
    sys.exit(1)

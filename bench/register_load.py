"""Drives registrations against a running hub (see bench/registrations.sh): PEOPLE
talents (sessions from bench/generate_registrants.py) register for event 900000 from
CONCURRENCY clients at once, each person once. Prints registrations per second and the
latency of the call; how many got a place and how many a waiting-list position.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, people, concurrency = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
host = urllib.parse.urlparse(base).netloc

lock = threading.Lock()
next_person = [0]
times, states, errors = [], {}, []


def worker():
    conn = http.client.HTTPConnection(host)
    while True:
        with lock:
            person = next_person[0]
            if person == people:
                return
            next_person[0] += 1
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
                   "Cookie": f"hub_session=bench-session-{person}"}
        started = time.perf_counter()
        try:
            conn.request("POST", "/api/registrations/register", "event=900000", headers)
            response = conn.getresponse()
            body = response.read().decode()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                raise RuntimeError(f"{response.status} {body}")
            state = json.loads(body)
            with lock:
                times.append(elapsed)
                states[state] = states.get(state, 0) + 1
        except Exception as error:  # noqa: BLE001 - report and go on
            conn.close()
            conn = http.client.HTTPConnection(host)
            with lock:
                errors.append(str(error))


began = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - began

done = len(times)
times.sort()
pct = lambda p: times[min(done - 1, int(p * done))] * 1000 if done else float("nan")
print(f"  {done} registrations in {elapsed:.1f} s from {concurrency} clients: {done / elapsed:.0f} registrations/s")
print(f"  latency: p50 {pct(0.5):.1f} ms, p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms")
print(f"  answers: {states}")
if errors:
    print(f"  {len(errors)} errors, first: {errors[0]}")
    sys.exit(1)

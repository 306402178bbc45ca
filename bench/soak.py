#!/usr/bin/env python3
"""Soak test: N minutes of mixed traffic at a given rate against a running server (mvn liberty:run).

Reports status-code counts, latency percentiles per operation, and the server's RSS over time; exits 1 when
any 5xx was answered. With --report, appends the run to docs/PERFORMANCE.md. Standard library only.

    python3 bench/soak.py --minutes 10 --rate 50 --report
"""
import argparse, base64, collections, datetime, json, os, random, subprocess, threading, time
import urllib.error, urllib.request, uuid

PASSWORD = "soak test passphrase not common"


def call(base, method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        payload, status = error.read(), error.code
    except (urllib.error.URLError, OSError):
        payload, status = b"", 599
    elapsed = (time.perf_counter() - start) * 1000
    try:
        parsed = json.loads(payload) if payload else None
    except ValueError:
        parsed = None
    return status, elapsed, parsed


def subject(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"]


class Soak:
    def __init__(self, base, users):
        self.base = base
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.latency = collections.defaultdict(list)
        self.sessions = []
        for _ in range(users):
            self.sessions.append(self.new_session())

    def record(self, op, status, millis):
        with self.lock:
            self.statuses[status] += 1
            self.latency[op].append(millis)

    def new_session(self):
        email = "soak-%s@example.com" % uuid.uuid4().hex[:12]
        status, ms, _ = call(self.base, "POST", "/user", body={"first_name": "Soak", "last_name": "Test",
                                                               "email": email, "password": PASSWORD})
        self.record("register", status, ms)
        session = {"email": email, "token": None, "refresh": None, "id": None}
        self.record("login", *self.login(session))
        return session

    def login(self, session):
        """Logs the session's user in; on success its tokens and id are the new ones. Answers status and ms."""
        status, ms, body = call(self.base, "POST", "/user/login", body={"email": session["email"], "password": PASSWORD})
        if status == 200:
            session["token"], session["refresh"] = body["data"]["token"], body["data"]["refresh_token"]
            session["id"] = subject(session["token"])
        return status, ms

    def step(self):
        session = random.choice(self.sessions)
        roll = random.random()
        if not session["token"]:
            op = "relogin"
        elif roll < 0.45:
            op = "get_user"
        elif roll < 0.60:
            op = "refresh"
        elif roll < 0.70:
            op = "update"
        elif roll < 0.78:
            op = "jwks"
        elif roll < 0.86:
            op = "relogin"
        elif roll < 0.90:
            op = "wrong_password"
        elif roll < 0.95:
            op = "list_forbidden"
        else:
            op = "new_user"
        if op == "get_user":
            status, ms, _ = call(self.base, "GET", "/user/" + session["id"], session["token"])
        elif op == "refresh":
            status, ms, body = call(self.base, "POST", "/user/refresh-token", body={"refresh_token": session["refresh"]})
            if status == 200:
                session["token"], session["refresh"] = body["data"]["token"], body["data"]["refresh_token"]
        elif op == "update":
            status, ms, _ = call(self.base, "PUT", "/user/" + session["id"], session["token"],
                                 {"first_name": "Soak%d" % random.randint(0, 99), "last_name": "Test",
                                  "email": session["email"]})
        elif op == "jwks":
            status, ms, _ = call(self.base, "GET", "/.well-known/jwks.json")
        elif op == "relogin":
            status, ms = self.login(session)
        elif op == "wrong_password":
            status, ms, _ = call(self.base, "POST", "/user/login", body={"email": session["email"], "password": "wrong " + PASSWORD})
        elif op == "list_forbidden":
            status, ms, _ = call(self.base, "GET", "/user", session["token"])
        else:
            fresh = self.new_session()
            with self.lock:
                self.sessions.append(fresh)
            return
        self.record(op, status, ms)


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def server_pid():
    out = subprocess.run(["pgrep", "-f", "ws-server.jar"], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))] if ordered else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://localhost:9080")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=50, help="requests per second")
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--pid", type=int, help="the server's pid (default: the ws-server.jar process)")
    parser.add_argument("--report", action="store_true", help="append the results to docs/PERFORMANCE.md")
    args = parser.parse_args()
    pid = args.pid or server_pid()
    soak = Soak(args.base.rstrip("/"), args.users)
    deadline = time.time() + args.minutes * 60
    interval = args.workers / args.rate
    rss = [(0, rss_kib(pid))] if pid else []
    started = time.time()

    def worker():
        next_at = time.time() + random.random() * interval
        while time.time() < deadline:
            time.sleep(max(0, next_at - time.time()))
            next_at += interval
            try:
                soak.step()
            except Exception as error:  # a client-side bug must not end the run silently
                soak.record("client_error", 0, 0)
                print("client error:", repr(error), flush=True)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.workers)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        time.sleep(10)
        if pid:
            rss.append((int(time.time() - started), rss_kib(pid)))
            print("t=%4ds  rss=%6.1f MB  requests=%d" % (rss[-1][0], rss[-1][1] / 1024, sum(soak.statuses.values())), flush=True)
    elapsed = time.time() - started
    total = sum(soak.statuses.values())
    errors = sum(n for s, n in soak.statuses.items() if s >= 500)
    lines = ["", "### Soak run, %s" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
             "- command: `python3 bench/soak.py --minutes %g --rate %g --workers %d --users %d` against `mvn liberty:run`"
             % (args.minutes, args.rate, args.workers, args.users),
             "- machine: %d cores, %.1f GiB" % (os.cpu_count(), os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
             "- %d requests in %.0f s (%.1f req/s); status codes: %s; 5xx: %d" % (
                 total, elapsed, total / elapsed, dict(sorted(soak.statuses.items())), errors),
             "", "| operation | count | p50 ms | p90 ms | p99 ms | max ms |", "|---|---|---|---|---|---|"]
    for op, values in sorted(soak.latency.items()):
        lines.append("| %s | %d | %.1f | %.1f | %.1f | %.1f |" % (op, len(values), percentile(values, 50),
                     percentile(values, 90), percentile(values, 99), max(values)))
    if rss:
        mb = [k / 1024 for _, k in rss]
        lines.append("")
        lines.append("Server RSS (MB) every 10 s: start %.0f, min %.0f, max %.0f, end %.0f; second half max - min: %.0f MB"
                     % (mb[0], min(mb), max(mb), mb[-1], max(mb[len(mb) // 2:]) - min(mb[len(mb) // 2:])))
        lines.append("RSS series: " + " ".join("%.0f" % m for m in mb))
    report = "\n".join(lines)
    print(report)
    if args.report:
        with open(os.path.join(os.path.dirname(__file__), "..", "docs", "PERFORMANCE.md"), "a") as doc:
            doc.write(report + "\n")
    raise SystemExit(1 if errors else 0)


if __name__ == "__main__":
    main()

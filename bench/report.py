"""The report of bench/load.sh: medians of the rounds with min and max, the goals of docs/PERFORMANCE.md beside them.

python3 bench/report.py OUT CORES HASH_MS HASH_ERR KC_VERSION KC_HEAP USERS RUNS DUR JAVA COMMIT

Reads OUT/runs.tsv (the closed-loop runs), open.tsv (the open-loop runs), pss.tsv (memory after each round) and
starts.tsv.
"""
import csv
import datetime
import os
import statistics
import sys

(out, cores, hash_ms, hash_err, kc_version, kc_heap, users, runs, dur, java, commit) = sys.argv[1:12]
cores = int(cores)


def rows(name):
    with open(f"{out}/{name}") as f:
        return list(csv.DictReader(f, delimiter="\t"))


runs_ = rows("runs.tsv")
opens = rows("open.tsv")
starts = rows("starts.tsv")
pss = rows("pss.tsv")
try:
    hashes = {r_["round"]: float(r_["ms"]) for r_ in rows("argon2.tsv") if r_["ms"]}
except FileNotFoundError:
    hashes = {}


def series(product, figure, column):
    return {r["round"]: float(r[column]) for r in runs_
            if r["product"] == product and r["figure"] == figure and r[column] not in ("", None)}


def fmt(v, digits=None):
    if v is None:
        return "-"
    if digits is None:
        digits = 0 if abs(v) >= 100 else 1 if abs(v) >= 10 else 2 if abs(v) >= 1 else 3
    return f"{v:,.{digits}f}"


def spread(values, digits=None):
    """median (min-max)"""
    if not values:
        return None, "-"
    values = list(values)
    m = statistics.median(values)
    return m, f"{fmt(m, digits)} ({fmt(min(values), digits)}-{fmt(max(values), digits)})"


def ratio(a, b, digits=2):
    """ours / theirs: the ratio of the medians, and the range of the per-round ratios (runs paired by round)"""
    paired = [a[k] / b[k] for k in a if k in b and b[k]]
    if not paired:
        return None, "-"
    m = statistics.median(a.values()) / statistics.median(b.values())
    return m, f"{m:.{digits}f} ({min(paired):.{digits}f}-{max(paired):.{digits}f})"


def met(value, goal, higher=True):
    if value is None:
        return "not measured"
    return "met" if (value >= goal if higher else value <= goal) else "**missed**"


table = []


def row(figure, ours_text, kc_text, ratio_text, goal_text, verdict):
    table.append(f"| {figure} | {ours_text} | {kc_text} | {ratio_text} | {goal_text} | {verdict} |")


# refresh
o, kc = series("ours", "refresh", "rps"), series("keycloak", "refresh", "rps")
r, rt = ratio(o, kc)
row("refresh rotations/s (ours over 10^5 live sessions; Keycloak's refresh grant, rotation on, 16 sessions)",
    spread(o.values())[1], spread(kc.values())[1], rt, ">= 3x", met(r, 3))
sv, st = spread(series("ours", "refresh", "server_ms_op").values())
dv, dt = spread(series("ours", "refresh", "db_ms_op").values())
kv, kt = spread(series("keycloak", "refresh", "server_ms_op").values())
row("service CPU per rotation, ms", st, kt + " (Keycloak, its H2 in the same JVM)", "", "<= 1.0", met(sv, 1.0, False))
row("database CPU per rotation, ms", dt, "", "", "<= 1.0", met(dv, 1.0, False))
# logins
o, kc = series("ours", "login", "rps"), series("keycloak", "login", "rps")
r, rt = ratio(o, kc)
row("logins/s (password grant; argon2id m=7 MiB t=5 p=1 both)", spread(o.values())[1], spread(kc.values())[1], rt,
    ">= 2.5x", met(r, 2.5))
lv, lt = spread(series("ours", "login", "server_ms_op").values())
klv, klt = spread(series("keycloak", "login", "server_ms_op").values())
if hashes:   # JMH beside each round's logins: the efficiency of each round, paired
    eff, efft = ratio(hashes, series("ours", "login", "server_ms_op"))
    reference = f"JMH, {cores} threads, after each round: {spread(hashes.values())[1]} ms"
else:
    eff = float(hash_ms) / lv if lv else None
    efft = fmt(eff, 2) if eff else "-"
    reference = f"JMH, {cores} threads: {hash_ms} ± {hash_err} ms"
row(f"login efficiency: argon2 CPU per hash ({reference}) / server CPU per login",
    f"{efft} (server {lt} ms per login)", f"(Keycloak: {klt} ms per login)", "", ">= 0.9", met(eff, 0.9))
# authenticated
o, kc, st_ = series("ours", "auth", "rps"), series("keycloak", "auth", "rps"), series("ours", "static", "rps")
r, rt = ratio(o, kc)
row("authenticated request/s (ours `GET /user/{id}`; Keycloak userinfo)", spread(o.values())[1],
    spread(kc.values())[1], rt, ">= 2x", met(r, 2))
r, rt = ratio(o, st_)
row("authenticated ÷ our static document (`/.well-known/openid-configuration`)", spread(o.values())[1],
    f"static: {spread(st_.values())[1]}", rt, ">= 0.9", met(r, 0.9))
c = series("ours", "cold", "rps")
r, rt = ratio(c, st_)
row(f"cold tokens ({users} users, each token new to the server) ÷ static", spread(c.values())[1], "", rt, ">= 0.6",
    met(r, 0.6))
kcs = series("keycloak", "static", "rps")
row("static document/s (reference)", spread(st_.values())[1], spread(kcs.values())[1], ratio(st_, kcs)[1], "", "")
# memory
pss_svc = {r_["round"]: float(r_["service"]) for r_ in pss}
pss_db = {r_["round"]: float(r_["database"]) for r_ in pss}
pss_ours = {k: pss_svc[k] + pss_db[k] for k in pss_svc}
pss_kc = {r_["round"]: float(r_["keycloak"]) for r_ in pss if r_["keycloak"]}
pr, prt = ratio(pss_ours, pss_kc)
row("PSS of every process after each round, MB (ours: service + database)",
    f"{spread(pss_ours.values(), 0)[1]}: {fmt(spread(pss_svc.values())[0], 0)} + {fmt(spread(pss_db.values())[0], 0)}",
    f"{spread(pss_kc.values(), 0)[1]} (-Xmx{kc_heap})", prt, "<= 0.5", met(pr, 0.5, False))
# start
so = {r_["round"]: float(r_["seconds"]) for r_ in starts if r_["product"] == "ours"}
sk = {r_["round"]: float(r_["seconds"]) for r_ in starts if r_["product"] == "keycloak"}
r, rt = ratio(so, sk)
row("start to ready, s (ours: database + `server run`; Keycloak: `start --optimized`)", spread(so.values(), 1)[1],
    spread(sk.values(), 1)[1], rt, "<= 0.5x", met(r, 0.5, False))
# latency at half capacity, a run per round
def p99s(product):
    return {o_["round"]: float(o_["line"].split("p99=")[1].split()[0]) for o_ in opens
            if o_["product"] == product and o_["figure"] == "auth" and o_["factor"] == "0.5"}


p99, p99t = spread(p99s("ours").values(), 2)
row("p99 of authenticated requests at 50 % of capacity (open loop), ms", p99t,
    f"{spread(p99s('keycloak').values(), 2)[1]} (userinfo at 50 % of its capacity)", "", "<= 10",
    met(p99, 10, False))

now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
print(f"""
### Load run, {now} (commit {commit})
- command: `bench/load.sh` (RUNS={runs}, DUR={dur} s per run, USERS={users}, the service's shipped jvm.options{
    " + JVM_EXTRA=" + os.environ["JVM_EXTRA"] if os.environ.get("JVM_EXTRA") else ""}, the database process's JVM
  `{os.environ.get("DB_JAVA_OPTS", "-Xmx256m")}`); {cores} cores, {java}; wrk and the
  open-loop generator on the same machine; ours and Keycloak {kc_version} (`start --optimized`, -Xmx{kc_heap}) running
  side by side, warmed until their JIT is flat, then interleaved figure by figure in {runs} rounds
- every cell: median of the rounds (min-max); a ratio is the ratio of the medians (range of the per-round ratios)

| figure | ours | Keycloak | ours ÷ Keycloak | goal | |
|---|---|---|---|---|---|""")
print("\n".join(table))

print("\nEvery figure (median of the rounds): requests/s, latency p50/p99 ms under wrk (closed loop), requests that "
      "failed (non-2xx, socket errors, failed rotations), CPU ms per request of the server, its database and the "
      "load generator.\n")
print("| product | figure | req/s | p50 | p99 | failed (all rounds) | server ms/op | database ms/op | generator ms/op |")
print("|---|---|---|---|---|---|---|---|---|")
for product in ("ours", "keycloak"):
    for figure in ("static", "auth", "cold", "refresh", "login"):
        rr = [r_ for r_ in runs_ if r_["product"] == product and r_["figure"] == figure]
        if not rr:
            continue
        med = lambda col: spread([float(r_[col]) for r_ in rr if r_[col]])[1]
        print(f"| {product} | {figure} | {med('rps')} | {med('p50_ms')} | {med('p99_ms')} | "
              f"{sum(int(r_['bad']) for r_ in rr)} | {med('server_ms_op')} | {med('db_ms_op')} | {med('gen_ms_op')} |")

if opens:
    print("\nOpen loop (bench/java/io/accounts/bench/OpenLoop.java, 64 connections, "
          f"{dur} s per load; the rate is a factor of the figure's median closed-loop req/s above; latency from when "
          "each request was due):\n")
    print("| product | figure | x capacity | round | result |")
    print("|---|---|---|---|---|")
    for o_ in opens:
        print(f"| {o_['product']} | {o_['figure']} | {o_['factor']} | {o_['round']} | `{o_['line']}` |")
try:
    sizes = [line.split("\t") for line in open(f"{out}/sizes.tsv").read().splitlines() if line.strip()]
    print("\nThe database after the rounds (documents; mean BSON bytes of up to 2,000 read): " + "; ".join(
        f"`{n}` {int(c):,} ({b} B)" for n, c, b in sizes))
except FileNotFoundError:
    pass
if starts:
    print("\nStart to ready, each run (s): " + "; ".join(
        f"{p}: " + ", ".join(r_["seconds"][:5] for r_ in starts if r_["product"] == p) for p in ("ours", "keycloak")))

"""Registration burst on a production-like stack: 1,000 registrations from 50 clients.

Creates one upcoming online talk open for registration with 300 online seats in a fresh
PostgreSQL database, serves the app with gunicorn exactly as bench/run.py does (plus
REGISTRATION_RATE_LIMIT=0), sends exactly 1,000 `POST /api/v1/talks/<slug>/registrations`
with distinct email addresses from 50 concurrent clients, and records throughput and
client-side latency. Then checks the database: 300 seats held, 700 on the waiting list, no
address twice, one queued mail (and one task) per registration. If the throughput is below
the target, one registration is profiled in-process. Writes bench/RESULTS-registration.md.

    .venv/bin/python bench/registration.py [--help]

Needs what bench/run.py needs (PostgreSQL with trust auth and `psql`, Redis), but not wrk.
Touches only the database `gcmtalks_bench` (created, then dropped), Redis database 5,
STATIC_ROOT (collectstatic) and bench/RESULTS-registration.md. See bench/README.md.
"""

import argparse
import datetime as dt
import http.client
import json
import os
import shlex
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as readbench  # noqa: E402  (bench/run.py: environment, database, gunicorn)

ROOT = readbench.ROOT
HOST = readbench.HOST
RESULTS = readbench.BENCH_DIR / "RESULTS-registration.md"
SLUG = "bench-registration-burst"
SEAT_STATUSES = ("pending_email", "pending_approval", "confirmed")
TARGET_RPS = 300.0
PROFILE_REQUESTS = 200
log = readbench.log
# Parts of one registration shown in the profile (label, file, function); cumulative times,
# so nested entries are included in the ones above them.
PHASES = [
    ("whole request (Django handler)", "django/core/handlers/base.py", "get_response"),
    ("API view `register`", "gcmtalks/api/registrations.py", "register"),
    ("talk lookup: `get_object_or_404(talks_open_for_registration(), …)`",
     "django/shortcuts.py", "get_object_or_404"),
    ("`RegistrationForm(…)`", "gcmtalks/registrations/forms.py", "__init__"),
    ("`RegistrationForm.is_valid()`", "django/forms/forms.py", "is_valid"),
    ("`registration_create`", "gcmtalks/registrations/services.py", "registration_create"),
    ("… `locked_settings` (`SELECT … FOR UPDATE`)", "gcmtalks/registrations/services.py",
     "locked_settings"),
    ("… `seat_count` (under the lock)", "gcmtalks/registrations/services.py", "seat_count"),
    ("… `rebalance` (under the lock, only when holds ran out)",
     "gcmtalks/registrations/services.py", "rebalance"),
    ("… `audit.record`", "gcmtalks/core/audit.py", "record"),
    ("… mail task row (`mail.later`)", "gcmtalks/registrations/mail.py", "later"),
    ("SQL compilation (`as_sql`, all queries)", "django/db/models/sql/compiler.py", "as_sql"),
    ("waiting for PostgreSQL (psycopg `wait`)", "psycopg/connection.py", "wait"),
]  # fmt: skip
BenchError = readbench.BenchError


# --------------------------------------------------------------------------------------------
# Inside Django (child processes with the bench environment: `registration.py _<step>`)
# --------------------------------------------------------------------------------------------


def django_setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gcmtalks.settings")
    django.setup()


def create_talk(slug: str, capacity: int) -> dict:
    """One published, upcoming online talk open for registration here, `capacity` seats."""
    from django.utils import timezone

    from gcmtalks.registrations.models import Settings
    from gcmtalks.talks.models import Talk

    start = (timezone.now() + dt.timedelta(days=14)).replace(minute=0, second=0, microsecond=0)
    talk = readbench.translated(
        Talk,
        slug=slug,
        title="Registration burst: peer-learning exchange on regular pathways",
        summary="A talk for the registration benchmark.",
        level=Talk.Level.GLOBAL,
        format=Talk.Format.ONLINE,
        start=start,
        end=start + dt.timedelta(minutes=90),
        timezone="Europe/Zurich",
        audience=Talk.Audience.OPEN_TO_ALL,
        status=Talk.Status.PUBLISHED,
        registration_mode=Talk.Registration.OPEN,
    )
    talk.save()
    Settings.objects.create(talk=talk, capacity_online=capacity)
    return {"slug": talk.slug, "start": talk.start.isoformat()}


def counts(slug: str) -> dict:
    """What the burst left in the database."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from gcmtalks.core.models import AuditEntry
    from gcmtalks.notifications.models import OutgoingMail
    from gcmtalks.registrations.models import Registration

    registrations = Registration.objects.filter(talk__slug=slug)
    by_status = dict(
        registrations.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    duplicates = registrations.values("email").annotate(n=Count("id")).filter(n__gt=1).count()
    return {
        "registrations": registrations.count(),
        "by_status": by_status,
        "seat_holding": registrations.filter(status__in=SEAT_STATUSES).count(),
        "waitlisted": by_status.get("waitlisted", 0),
        "duplicate_emails": duplicates,
        "distinct_emails": registrations.values("email").distinct().count(),
        "mails": OutgoingMail.objects.count(),
        "mails_sent": OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count(),
        "mails_to_registrants": OutgoingMail.objects.filter(
            to__in=registrations.values("email")
        ).count(),
        "mail_tasks": DBTaskResult.objects.filter(
            task_path__endswith=".send_registration_mail"
        ).count(),
        "tasks": DBTaskResult.objects.count(),
        "tasks_by_status": dict(
            DBTaskResult.objects.values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        ),
        "audit_entries": AuditEntry.objects.count(),
    }


def profile(slug: str, requests: int) -> dict:
    """Registrations through Django's test Client, in this process, against the same database:
    queries per registration, time under the talk's lock, and cProfile's top functions."""
    import cProfile
    import pstats
    from io import StringIO

    from django.db import connection
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    url = f"/api/v1/talks/{slug}/registrations"
    sequence = iter(range(10**6))

    def register() -> int:
        n = next(sequence)
        body = {"name": f"Profile {n}", "email": f"profile-{n}@bench.example.org"}
        return client.post(url, json.dumps(body), content_type="application/json").status_code

    for _ in range(20):  # warm: imports, the connection, translations
        if register() != 202:
            raise BenchError("the in-process registration was not accepted")

    # Timings without the profiler.
    started = time.perf_counter()
    for _ in range(requests):
        register()
    plain_ms = (time.perf_counter() - started) * 1e3 / requests

    # Queries of one registration, each with its start and end, and when COMMIT ends.
    events: list[tuple] = []

    def wrapper(execute, sql, params, many, context):
        begun = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            events.append(("q", begun, time.perf_counter(), sql))

    original_commit = BaseDatabaseWrapper.commit

    def commit(self):
        begun = time.perf_counter()
        original_commit(self)
        events.append(("commit", begun, time.perf_counter(), "COMMIT"))

    samples = []
    BaseDatabaseWrapper.commit = commit
    try:
        with connection.execute_wrapper(wrapper):
            for _ in range(50):
                events.clear()
                begun = time.perf_counter()
                register()
                ended = time.perf_counter()
                samples.append((begun, ended, list(events)))
    finally:
        BaseDatabaseWrapper.commit = original_commit

    def summary(begun, ended, evs):
        queries = [e for e in evs if e[0] == "q"]
        lock = next((e for e in queries if "FOR UPDATE" in e[3]), None)
        first_commit_after = next(e for e in evs if e[0] == "commit" and lock and e[1] > lock[1])
        return {
            "total_ms": (ended - begun) * 1e3,
            "queries": len(queries),
            "commits": sum(1 for e in evs if e[0] == "commit"),
            "db_ms": sum(e[2] - e[1] for e in evs) * 1e3,
            "lock_ms": (first_commit_after[2] - lock[1]) * 1e3,
            "queries_under_lock": sum(
                1 for e in queries if lock[1] <= e[1] <= first_commit_after[1]
            ),
            "sql": [("COMMIT" if e[0] == "commit" else " ".join(e[3].split())[:110]) for e in evs],
        }

    summaries = [summary(*s) for s in samples]

    def median(key):
        values = sorted(s[key] for s in summaries)
        return values[len(values) // 2]

    # cProfile over `requests` registrations.
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        register()
    profiler.disable()
    out = StringIO()
    stats = pstats.Stats(profiler, stream=out)
    total = stats.total_tt
    top = []
    for (filename, line, name), (_cc, _nc, tt, ct, _callers) in sorted(
        stats.stats.items(), key=lambda item: item[1][3], reverse=True
    )[:400]:
        short = filename.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
        top.append({"where": f"{short}:{line}({name})", "cum_ms": ct * 1e3 / requests,
                    "self_ms": tt * 1e3 / requests})  # fmt: skip
    self_sorted = sorted(top, key=lambda t: t["self_ms"], reverse=True)[:15]
    phases = []
    for label, suffix, name in PHASES:
        cum = sum(
            ct
            for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items()
            if filename.endswith(suffix) and func == name
        )
        phases.append({"label": label, "ms": cum * 1e3 / requests})
    return {
        "requests": requests,
        "plain_ms": plain_ms,
        "profiled_ms": total * 1e3 / requests,
        "median_total_ms": median("total_ms"),
        "median_db_ms": median("db_ms"),
        "median_lock_ms": median("lock_ms"),
        "queries": median("queries"),
        "commits": median("commits"),
        "queries_under_lock": median("queries_under_lock"),
        "sql": summaries[len(summaries) // 2]["sql"],
        "top_cumulative": top[:60],
        "top_self": self_sorted,
        "phases": phases,
    }


def child_main(argv: list[str]) -> None:
    django_setup()
    step = argv[0]
    if step == "_create":
        out = create_talk(argv[1], int(argv[2]))
    elif step == "_counts":
        out = counts(argv[1])
    elif step == "_profile":
        out = profile(argv[1], int(argv[2]))
    else:
        raise SystemExit(f"unknown step {step}")
    print("RESULT " + json.dumps(out), flush=True)


def child(step: str, *args, env: dict, timeout=300) -> dict:
    out = readbench.run(
        [sys.executable, str(Path(__file__).resolve()), step, *map(str, args)],
        env=env,
        timeout=timeout,
        capture=True,
    )
    lines = [line for line in out.splitlines() if line.startswith("RESULT ")]
    if not lines:
        raise BenchError(f"{step}: no result in\n{out[-2000:]}")
    return json.loads(lines[-1].removeprefix("RESULT "))


# --------------------------------------------------------------------------------------------
# The burst
# --------------------------------------------------------------------------------------------


def post(port: int, path: str, body: bytes, timeout: float) -> tuple[int, float, bytes]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(
            "POST",
            path,
            body=body,
            headers={"Content-Type": "application/json", "User-Agent": "gcmtalks-bench"},
        )
        response = conn.getresponse()
        data = response.read()
        return response.status, time.perf_counter() - started, data
    except OSError as error:
        return 0, time.perf_counter() - started, repr(error).encode()
    finally:
        conn.close()


def burst(port: int, slug: str, total: int, clients: int, deadline_s: float) -> dict:
    """`total` POSTs with distinct addresses from `clients` threads, each sending one request at
    a time over a new connection; every thread starts at the same moment."""
    path = f"/api/v1/talks/{slug}/registrations"
    bodies = [
        json.dumps(
            {"name": f"Bench Registrant {i:04d}", "email": f"r{i:04d}@bench.example.org"}
        ).encode()
        for i in range(total)
    ]
    results: list[tuple[int, float, bytes] | None] = [None] * total
    next_index = iter(range(total))
    lock = threading.Lock()
    start_gate = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client():
        start_gate.wait()
        while True:
            with lock:
                i = next(next_index, None)
            if i is None or time.monotonic() > stop_at[0]:
                return
            results[i] = post(port, path, bodies[i], timeout=30)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    cpu_before = time.process_time()
    stop_at[0] = time.monotonic() + deadline_s
    started = time.perf_counter()
    start_gate.wait()
    for t in threads:
        t.join(timeout=deadline_s + 35)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_before
    done = [r for r in results if r is not None]
    latencies = sorted(seconds * 1e3 for _, seconds, _ in done)
    statuses: dict[int, int] = {}
    for status, _, _ in done:
        statuses[status] = statuses.get(status, 0) + 1
    bad = [(s, body[:300].decode(errors="replace")) for s, _, body in done if s != 202]

    def pct(p: float) -> float:
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, max(0, round(p / 100 * len(latencies)) - 1))]

    return {
        "sent": len(done),
        "wall_s": wall,
        "rps": len(done) / wall if wall else 0.0,
        "p50_ms": pct(50),
        "p90_ms": pct(90),
        "p99_ms": pct(99),
        "max_ms": latencies[-1] if latencies else 0.0,
        "min_ms": latencies[0] if latencies else 0.0,
        "statuses": statuses,
        "non_202": len(bad) + (total - len(done)),
        "bad_examples": bad[:3],
        "client_cpu_s": cpu,
    }


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def database_pids() -> list[int]:
    """The PostgreSQL backends serving the benchmark database (the workers' connections)."""
    sql = f"SELECT pid FROM pg_stat_activity WHERE datname = '{readbench.DB_NAME}'"
    out = readbench.run([*readbench.PG, "-d", "postgres", "-Atc", sql], capture=True)
    return [int(line) for line in out.split()]


def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def warm(port: int, slug: str, workers: int) -> None:
    """GET the talk's API page a few times per worker: each worker imports its code and opens
    its database and Redis connections before the burst (no registration is sent)."""
    for _ in range(4 * workers):
        status, _, _, _ = readbench.fetch(f"http://{HOST}:{port}/api/v1/talks/{slug}")
        if status != 200:
            raise BenchError(f"GET /api/v1/talks/{slug} answered {status}")


# --------------------------------------------------------------------------------------------
# Orchestration and report
# --------------------------------------------------------------------------------------------


def check_prerequisites() -> None:
    readbench.run([*readbench.PG, "-d", "postgres", "-Atc", "SELECT 1"], capture=True, timeout=20)
    with socket.create_connection((HOST, readbench.REDIS_PORT), timeout=5) as s:
        s.sendall(b"PING\r\n")
        if not s.recv(64).startswith(b"+PONG"):
            raise BenchError(f"no Redis answering PING on {HOST}:{readbench.REDIS_PORT}")
    busy = readbench.run(
        [*readbench.PG, "-d", "postgres", "-Atc",
         f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{readbench.DB_NAME}'"],
        capture=True,
    ).strip()  # fmt: skip
    if busy != "0":
        raise BenchError(
            f"{busy} connection(s) to {readbench.DB_NAME}: another benchmark is running?"
        )


class Inbox:
    """An SMTP server on loopback (aiosmtpd, as in the tests) that counts what it receives."""

    def __init__(self):
        self.received, self.recipients = 0, set()

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        self.recipients.update(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def drain(env: dict) -> dict:
    """Run `manage.py db_worker --batch` once, delivering to an SMTP server on loopback: the
    mails the burst asked for are written and sent. Its wall time and CPU."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = readbench.free_port()
    controller = Controller(inbox, hostname=HOST, port=port)
    controller.start()
    try:
        cmd = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"]
        log("$ " + shlex.join(cmd))
        with tempfile.TemporaryFile("w+") as output:
            started = time.perf_counter()
            worker = subprocess.Popen(
                cmd, cwd=ROOT, env={**env, "EMAIL_URL": f"smtp://{HOST}:{port}"},
                stdout=output, stderr=output, text=True,
            )  # fmt: skip
            _, status, usage = os.wait4(worker.pid, 0)
            wall = time.perf_counter() - started
            if os.waitstatus_to_exitcode(status) != 0:
                output.seek(0)
                raise BenchError(f"db_worker failed: {output.read()[-2000:]}")
    finally:
        controller.stop()
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "received": inbox.received,
        "recipients": len(inbox.recipients),
    }


def checks(args, result: dict, db: dict) -> list[tuple[str, bool]]:
    waitlisted = args.total - args.capacity
    return [
        (f"every answer 202 ({args.total:,} sent)", result["non_202"] == 0
         and result["sent"] == args.total),
        (f"{args.total:,} registrations, {args.total:,} distinct addresses",
         db["registrations"] == args.total and db["distinct_emails"] == args.total),
        (f"exactly {args.capacity} seats held (nothing overbooked)",
         db["seat_holding"] == args.capacity),
        (f"{waitlisted} on the waiting list", db["waitlisted"] == waitlisted),
        ("no address twice", db["duplicate_emails"] == 0),
        (f"{args.total:,} mail tasks queued with the registrations, one per registrant",
         db["mail_tasks"] == args.total and db["mails"] == 0),
    ]  # fmt: skip


def drain_checks(args, drained: dict, db: dict) -> list[tuple[str, bool]]:
    return [
        (f"after the burst, `db_worker` sent {args.total:,} mails over SMTP, one per registrant",
         drained["received"] == args.total and drained["recipients"] == args.total
         and db["mails_sent"] == args.total and db["mails_to_registrants"] == args.total),
    ]  # fmt: skip


def command_line(argv: list[str]) -> str:
    return shlex.join([".venv/bin/python", "bench/registration.py", *argv])


def write_results(args, argv, facts: dict) -> None:
    r, db, info, d = facts["burst"], facts["db"], facts["machine"], facts["drained"]
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    ok = r["rps"] >= TARGET_RPS
    lines = [
        "# Registration burst",
        "",
        "Written by `bench/registration.py`; see `bench/README.md`.",
        "",
        f"- **Date:** {now}",
        f"- **Machine:** {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory, "
        f"Linux {info['kernel']}; load average {facts['loads'][0]} before the burst, "
        f"{facts['loads'][1]} after (client and server share the machine)",
        f"- **Command:** `{command_line(argv)}` (from the repository root)",
        f"- **Software:** {facts['versions']}",
        f"- **Server:** gunicorn `gcmtalks.wsgi`, {args.workers} × {args.worker_class}, the "
        f"environment of bench/run.py (DEBUG=0, PostgreSQL `{readbench.DB_NAME}`, Redis db "
        f"{readbench.REDIS_DB} as cache) plus `REGISTRATION_RATE_LIMIT=0`",
        f"- **Talk:** one published, upcoming online talk, registration open here, "
        f"`capacity_online={args.capacity}`, no approval, no audience rules",
        f"- **Load:** exactly {args.total:,} `POST /api/v1/talks/<slug>/registrations` "
        f'(JSON `{{"name", "email"}}`, every address different) from {args.clients} client '
        "threads (Python `http.client`, one connection per request, all started together); "
        "latency measured by the client from connect to the last byte. Before the burst each "
        f"worker was warmed with GETs of the talk ({4 * args.workers} requests, no "
        f"registration). Client CPU during the burst: {r['client_cpu_s']:.1f} s over "
        f"{r['wall_s']:.2f} s.",
        f"- **Server CPU:** the gunicorn workers used {r['worker_cpu_ms']:.1f} ms of CPU per "
        f"registration and PostgreSQL's backends for them {r['database_cpu_ms']:.1f} ms "
        f"(from /proc); all CPUs of the machine were {r['machine_busy']:.0%} busy "
        "during the burst (server, PostgreSQL, client and anything else running).",
        "",
        f"Target: ≥ {TARGET_RPS:.0f} registrations/s with nothing overbooked.",
        "",
        "| Registrations | Wall time | Throughput | p50 | p90 | p99 | max | non-202 | "
        f"≥ {TARGET_RPS:.0f}/s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|:-:|",
        f"| {r['sent']:,} | {r['wall_s']:.2f} s | **{r['rps']:,.0f}/s** | {r['p50_ms']:.0f} ms "
        f"| {r['p90_ms']:.0f} ms | **{r['p99_ms']:,.0f} ms** | {r['max_ms']:,.0f} ms | "
        f"{r['non_202']} | {readbench.verdict(ok)} |",
        "",
        "Answers: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(r["statuses"].items())) + ".",
        "",
        "## The database afterwards",
        "",
        "| Check | Result |",
        "|---|:-:|",
    ]
    for label, passed in facts["checks"]:
        lines.append(f"| {label} | {readbench.verdict(passed)} |")
    lines += [
        "",
        "Registrations by status: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(db["by_status"].items()))
        + f". Right after the burst (no task worker ran during it): {db['mail_tasks']:,} "
        "`send_registration_mail` task rows, written in each registration's own transaction, "
        f"and {db['mails']:,} outgoing mail rows ({facts['tasks_before']} task rows existed "
        f"before the burst). Audit entries: {db['audit_entries']:,} (one per registration).",
        "",
        f"Then one `manage.py db_worker --batch` wrote and sent the mails to an SMTP server on "
        f"loopback (aiosmtpd): {d['received']:,} mails to {d['recipients']:,} addresses in "
        f"{d['wall_s']:.1f} s, {d['cpu_s'] * 1e3 / max(1, d['received']):.1f} ms of the "
        f"worker's CPU per mail (writing it from the registration, then sending it: two "
        f"tasks each). Outgoing mail rows afterwards: {facts['db_after']['mails_sent']:,} sent.",
    ]
    p = facts.get("profile")
    if p:
        lines += profile_section(args, r, p)
    notes = RESULTS.read_text().split("<!-- notes -->", 1) if RESULTS.exists() else []
    lines += ["", "<!-- notes -->" + (notes[1].rstrip() if len(notes) == 2 else ""), ""]
    RESULTS.write_text("\n".join(lines))
    log(f"wrote {RESULTS.relative_to(ROOT)}")


def profile_section(args, r: dict, p: dict) -> list[str]:
    ceiling = 1e3 / p["median_lock_ms"] if p["median_lock_ms"] else 0
    lines = [
        "",
        "## One registration, in-process",
        "",
        f"Django's test Client against the same database and settings, after the burst (the "
        f"talk is full: these go to the waiting list, through the same code and the same "
        f"lock), {p['requests']} registrations each way, one at a time:",
        "",
        f"- **{p['plain_ms']:.1f} ms** per registration without the profiler "
        f"({p['profiled_ms']:.1f} ms under cProfile); of a median "
        f"{p['median_total_ms']:.1f} ms, {p['median_db_ms']:.1f} ms is spent waiting for "
        "PostgreSQL (round trips, and the server's own CPU on a shared machine).",
        f"- **{p['queries']} SQL statements and {p['commits']} commits** per registration.",
        f"- The talk's settings row is locked (`SELECT … FOR UPDATE`) for "
        f"**{p['median_lock_ms']:.1f} ms** ({p['queries_under_lock']} statements, then the "
        f"commit). Registrations for one talk queue on this lock, so however many workers "
        f"there are, one talk takes at most ≈ {ceiling:,.0f} registrations/s at this hold "
        "time (1 ÷ hold time; more on a quiet machine, less under contention).",
        f"- With {args.workers} workers on this machine the burst reached {r['rps']:,.0f}/s, "
        f"i.e. ≈ {args.workers * 1e3 / r['rps']:.1f} ms of one worker per registration.",
        "",
        "The statements of one registration (median sample), in order:",
        "",
        "```",
        *[f"{i + 1:2}. {sql}" for i, sql in enumerate(p["sql"])],
        "```",
        "",
        "Where the time goes (cProfile, ms per registration; the profiler inflates Python "
        "time, compare with the plain figure above):",
        "",
        "| Part | ms |",
        "|---|---:|",
        *[f"| {ph['label']} | {ph['ms']:.1f} |" for ph in p["phases"]],
        "",
        "cProfile, cumulative time per registration (top entries, ms):",
        "",
        "| Function | Cumulative | Own |",
        "|---|---:|---:|",
    ]
    for t in p["top_cumulative"][:30]:
        lines.append(f"| `{t['where']}` | {t['cum_ms']:.2f} | {t['self_ms']:.2f} |")
    lines += [
        "",
        "Own time per registration (top 15, ms):",
        "",
        "| Function | Own | Cumulative |",
        "|---|---:|---:|",
    ]
    for t in p["top_self"]:
        lines.append(f"| `{t['where']}` | {t['self_ms']:.2f} | {t['cum_ms']:.2f} |")
    return lines


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, default=1000, help="registrations (1000)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--capacity", type=int, default=300, help="online seats (300)")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers (2; see bench/README.md)"
    )
    parser.add_argument(
        "--worker-class", default="sync", choices=["sync", "gthread"], help="(sync)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker (4)")
    parser.add_argument("--port", type=int, default=0, help="port (a free one)")
    parser.add_argument(
        "--deadline", type=float, default=120, help="stop sending after this many seconds (120)"
    )
    parser.add_argument(
        "--profile",
        choices=["auto", "always", "never"],
        default="auto",
        help="profile one registration in-process: when below target (auto), always, never",
    )
    parser.add_argument("--keep-db", action="store_true", help="leave gcmtalks_bench in place")
    parser.add_argument(
        "--no-results", action="store_true", help="print figures, do not write the results file"
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    if argv[:1] and argv[0].startswith("_"):
        child_main(argv)
        return 0
    args = parse_args(argv)
    started = time.monotonic()
    port = args.port or readbench.free_port()
    env = readbench.bench_env(port)
    env["REGISTRATION_RATE_LIMIT"] = "0"
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"gcmtalks-bench-reg-{port}.log"
    server = None
    created = False
    try:
        check_prerequisites()
        readbench.reset_database()
        created = True
        manage = [sys.executable, "manage.py"]
        readbench.run([*manage, "migrate", "--noinput", "-v", "0"], env=env)
        readbench.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env)
        talk = child("_create", SLUG, args.capacity, env=env)
        log(f"talk {talk['slug']} starts {talk['start']}, {args.capacity} online seats")
        tasks_before = child("_counts", SLUG, env=env)["tasks"]

        server = readbench.Server(args, env, port, log_path)
        server.start()
        warm(port, SLUG, args.workers)
        load_before = readbench.load_average()
        log(f"burst: {args.total:,} registrations from {args.clients} clients")
        workers = server.worker_pids()
        cpu_before, machine_before = cpu_seconds(workers), machine_cpu()
        # The workers' connections may open during the burst: those count from zero.
        database_before = {pid: cpu_seconds([pid]) for pid in database_pids()}
        result = burst(port, SLUG, args.total, args.clients, args.deadline)
        machine_after = machine_cpu()
        result["worker_cpu_ms"] = (cpu_seconds(workers) - cpu_before) * 1e3 / args.total
        database_cpu = sum(
            cpu_seconds([pid]) - database_before.get(pid, 0.0) for pid in database_pids()
        )
        result["database_cpu_ms"] = database_cpu * 1e3 / args.total
        result["machine_busy"] = (machine_after[0] - machine_before[0]) / max(
            1, machine_after[1] - machine_before[1]
        )
        load_after = readbench.load_average()
        log(
            f"  {result['sent']:,} in {result['wall_s']:.2f} s = {result['rps']:,.0f}/s, "
            f"p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, max "
            f"{result['max_ms']:.0f} ms, answers {result['statuses']}; worker CPU "
            f"{result['worker_cpu_ms']:.1f} ms/registration, PostgreSQL "
            f"{result['database_cpu_ms']:.1f} ms, machine {result['machine_busy']:.0%} busy"
        )
        for status, body in result["bad_examples"]:
            log(f"  non-202: {status} {body}")
        alive = len(server.worker_pids())
        server.stop()
        server = None
        if alive != args.workers:
            raise BenchError(f"{alive} workers alive after the burst, expected {args.workers}")

        db = child("_counts", SLUG, env=env)
        drained = drain(env)
        db_after = child("_counts", SLUG, env=env)
        log(
            f"  db_worker: {drained['received']:,} mails sent in {drained['wall_s']:.1f} s, "
            f"{drained['cpu_s'] * 1e3 / max(1, drained['received']):.1f} ms CPU per mail"
        )
        facts = {
            "burst": result,
            "db": db,
            "tasks_before": tasks_before,
            "drained": drained,
            "db_after": db_after,
            "checks": checks(args, result, db) + drain_checks(args, drained, db_after),
            "loads": (load_before, load_after),
            "machine": readbench.machine(),
            "versions": readbench.versions().split(", wrk")[0],
        }
        for label, passed in facts["checks"]:
            log(f"  {'ok  ' if passed else 'FAIL'} {label}")
        log(f"  by status {db['by_status']}, mails {db['mails']}, tasks {db['tasks']}")
        if args.profile == "always" or (args.profile == "auto" and result["rps"] < TARGET_RPS):
            log(f"profiling {PROFILE_REQUESTS} registrations in-process")
            facts["profile"] = child("_profile", SLUG, PROFILE_REQUESTS, env=env, timeout=600)
            p = facts["profile"]
            log(
                f"  {p['plain_ms']:.1f} ms each, {p['queries']} queries, {p['commits']} commits, "
                f"lock held {p['median_lock_ms']:.1f} ms"
            )
        if not args.no_results:
            write_results(args, argv, facts)
        log_path.unlink(missing_ok=True)
        log(f"done in {time.monotonic() - started:.0f} s")
        failed = [label for label, passed in facts["checks"] if not passed]
        if failed:
            print("registration bench: checks failed: " + "; ".join(failed), file=sys.stderr)
            return 1
        return 0
    except (BenchError, subprocess.TimeoutExpired, OSError) as error:
        return readbench.report_failure("registration bench", error, log_path)
    finally:
        if server is not None:
            server.stop()
        if created and not args.keep_db:
            try:
                readbench.drop_database()
            except (BenchError, subprocess.TimeoutExpired) as error:
                print(f"could not drop {readbench.DB_NAME}: {error}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Load test of the public read paths on a production-like stack.

Fills a fresh PostgreSQL database with 2,000 published talks, serves the app with gunicorn
(DEBUG=0, Redis cache, WhiteNoise), and measures requests/s and p99 latency with wrk for
`/`, `/api/v1/talks?limit=500` and `/calendar.ics`, each beside a static file with exactly
the same bytes served by the same server in the same run. Writes bench/RESULTS.md.

    make bench                      # or: .venv/bin/python bench/run.py [--help]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth), Redis on 127.0.0.1:6379,
`psql` and `wrk` on PATH. Touches only the database `gcmtalks_bench`, Redis database 5,
STATIC_ROOT (collectstatic, plus STATIC_ROOT/bench/ while it runs) and bench/RESULTS.md.
See bench/README.md.
"""

import argparse
import contextlib
import datetime as dt
import os
import platform
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
RESULTS = BENCH_DIR / "RESULTS.md"
STATIC_ROOT = ROOT / "staticfiles"  # settings.STATIC_ROOT
TWIN_DIR = STATIC_ROOT / "bench"
HOST = "127.0.0.1"
PG = ["psql", "-h", HOST, "-p", "5432", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
DB_NAME = "gcmtalks_bench"
REDIS_PORT = 6379
REDIS_DB = 5
TOTAL_TALKS = 2000

# (label, path, static twin file name)
ENDPOINTS = [
    ("Calendar page", "/", "home.html"),
    ("API list, limit=500", "/api/v1/talks?limit=500", "api-talks.json"),
    ("Calendar feed", "/calendar.ics", "calendar.ics"),
]

CACHE_SECONDS = 600  # PUBLIC_CACHE_SECONDS in the bench environment (the default)
TARGET_RATIO = 0.5
TARGET_P99_MS = 100.0
TARGET_RSS_MB = 150.0


class BenchError(Exception):
    pass


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --------------------------------------------------------------------------------------------
# Filling the database (runs in a child process with the bench environment, see fill_main)
# --------------------------------------------------------------------------------------------

TOPICS = [
    ("Regular pathways", "regular pathways for migrants in vulnerable situations", [5]),
    ("Alternatives to detention", "alternatives to immigration detention", [13]),
    ("Missing migrants", "saving lives and searching for missing migrants", [8]),
    ("Smuggling of migrants", "addressing the smuggling of migrants", [9, 10]),
    ("Return and reintegration", "safe and dignified return and sustainable reintegration", [21]),
    ("Climate mobility", "human mobility in the context of climate change", [2]),
    ("Labour migration", "fair and ethical recruitment and decent work", [6]),
    ("Remittances", "faster, safer and cheaper remittances", [20]),
    ("Access to services", "migrants' access to basic services", [15]),
    ("Data for policy", "accurate and disaggregated data on migration", [1]),
    ("Legal identity", "proof of legal identity and adequate documentation", [4]),
    ("Consular protection", "consular protection, assistance and cooperation", [14]),
    ("Skills recognition", "skills development and mutual recognition of qualifications", [18]),
    ("Diaspora engagement", "diaspora contributions to sustainable development", [19]),
    ("Social inclusion", "empowering migrants for full inclusion and social cohesion", [16]),
    ("Countering discrimination", "eliminating all forms of discrimination", [17]),
    ("Border governance", "integrated, secure and coordinated border management", [11]),
    ("Trafficking in persons", "preventing and combating trafficking in persons", [10]),
    ("Migrant children", "the rights of migrant children and youth", [7, 13]),
    ("Health and mobility", "migration and universal health coverage", [15]),
]
KINDS = [
    "Peer-learning exchange on",
    "Regional consultation on",
    "Global dialogue on",
    "Webinar:",
    "Policy roundtable on",
    "Launch of the guidance on",
    "Youth consultation on",
    "Technical workshop on",
]
PLACES = [
    ("Geneva", "Palais des Nations", "Europe/Zurich", "europe-north-america"),
    ("New York", "UN Headquarters", "America/New_York", "europe-north-america"),
    ("Vienna", "Vienna International Centre", "Europe/Vienna", "europe-north-america"),
    ("Addis Ababa", "UN Conference Centre", "Africa/Addis_Ababa", "africa"),
    ("Nairobi", "UN Office at Nairobi", "Africa/Nairobi", "africa"),
    ("Dakar", "Hotel Radisson Blu", "Africa/Dakar", "africa"),
    ("Bangkok", "UN Conference Centre", "Asia/Bangkok", "asia-pacific"),
    ("Manila", "Philippine International Convention Center", "Asia/Manila", "asia-pacific"),
    ("Santiago", "CEPAL headquarters", "America/Santiago", "latin-america-caribbean"),
    ("Panama City", "UN House", "America/Panama", "latin-america-caribbean"),
    ("Beirut", "UN House", "Asia/Beirut", "arab-states"),
    ("Cairo", "League of Arab States", "Africa/Cairo", "arab-states"),
    ("Baku", "Baku Congress Center", "Asia/Baku", "asia-pacific"),
]
EXTRA_SERIES = [
    "International Migration Review Forum preparations",
    "Regional Reviews 2025-2026",
    "Champion countries peer learning",
    "Migration Network Hub clinics",
    "Workstream briefings",
    "Youth voices on migration",
    "Local authorities dialogue",
    "Civil society consultations",
]
PARTNERS = [
    ("mayors-mechanism", "Mayors Mechanism"),
    ("civil-society-action-committee", "Civil Society Action Committee"),
    ("migration-youth-children-platform", "Migration Youth and Children Platform"),
    ("ilo", "International Labour Organization"),
    ("iom", "International Organization for Migration"),
    ("ohchr", "Office of the UN High Commissioner for Human Rights"),
]


def translated(model, **values):
    """An instance with the English columns django-modeltranslation adds filled too."""
    columns = {f.attname for f in model._meta.concrete_fields}
    english = {f"{k}_en": v for k, v in values.items() if f"{k}_en" in columns}
    return model(**values, **english)


def fill(total: int, seed: int = 2025) -> dict:
    """Add published talks until there are `total`; return counts."""
    from django.db import connection, transaction
    from django.utils.text import slugify

    from gcmtalks.core import public_cache
    from gcmtalks.core.models import Country, GuidingPrinciple, Language, Objective, Region
    from gcmtalks.talks.models import Organiser, Series, Talk
    from gcmtalks.talks.seed import load_seed_calendar

    rng = random.Random(seed)
    load_seed_calendar()  # organisers, series and the 22 talks of the public page
    regions = {r.slug: r for r in Region.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    objectives = {o.number: o for o in Objective.objects.all()}
    principles = list(GuidingPrinciple.objects.all())
    countries_by_region: dict[int, list] = {}
    for country in Country.objects.prefetch_related("regions"):
        for region in country.regions.all():
            countries_by_region.setdefault(region.pk, []).append(country)

    with transaction.atomic():
        for title in EXTRA_SERIES:
            Series.objects.get_or_create(
                slug=slugify(title),
                defaults={"title": title, "description": f"{title}."},
            )
        for slug, name in PARTNERS:
            Organiser.objects.get_or_create(
                slug=slug, defaults={"name": name, "kind": Organiser.Kind.PARTNER}
            )
        series = list(Series.objects.all())
        workstreams = list(Organiser.objects.filter(kind=Organiser.Kind.WORKSTREAM))
        partners = list(Organiser.objects.filter(kind=Organiser.Kind.PARTNER))
        secretariat = Organiser.objects.get(slug="secretariat")
        regional = {}
        for organiser in Organiser.objects.exclude(region=None):
            regional.setdefault(organiser.region.slug, []).append(organiser)

        missing = total - Talk.objects.exclude(status=Talk.Status.DRAFT).count()
        span_start = dt.datetime(2023, 1, 9, tzinfo=dt.UTC)
        span_seconds = (dt.datetime(2027, 12, 17, tzinfo=dt.UTC) - span_start).total_seconds()
        talks, links = [], []
        for i in range(missing):
            short, phrase, numbers = rng.choice(TOPICS)
            level = rng.choices(["global", "regional", "national"], [40, 45, 15])[0]
            city, venue, tz, region_slug = rng.choice(PLACES)
            talk_regions = [region_slug]
            if level == "global":
                talk_regions = []
            elif level == "regional" and rng.random() < 0.15:
                talk_regions.append(rng.choice([s for s in regions if s != region_slug]))
            country = None
            if level == "national":
                country = rng.choice(countries_by_region[regions[region_slug].pk])
            fmt = rng.choices(["online", "hybrid", "in_person"], [50, 35, 15])[0]
            if fmt == "online":
                city = venue = ""
                tz = "Europe/Zurich"
            start = span_start + dt.timedelta(seconds=rng.uniform(0, span_seconds))
            start = start.replace(hour=rng.choice([7, 8, 9, 12, 13, 14, 15]), minute=0, second=0)
            start = start.replace(minute=rng.choice([0, 0, 30]), microsecond=0)
            end = start + dt.timedelta(minutes=rng.choice([60, 90, 90, 120, 150, 180]))
            upcoming = start > dt.datetime.now(dt.UTC)
            where = f" in {city}" if city else ""
            title = f"{rng.choice(KINDS)} {phrase}"
            if level != "global":
                title += f" ({regions[region_slug].name})"
            summary = (
                f"{short}: Member States, UN entities and stakeholders compare practice on "
                f"{phrase}{where}, with a focus on what has worked since the last review of the "
                f"Global Compact and on the partnerships needed to go further."
            )
            audience = rng.choices(["open_to_all", "member_states", "youth"], [80, 15, 5])[0]
            slug = f"{slugify(title)[:100]}-{i + 1:04d}"
            if upcoming:
                registration = rng.choice(["open", "not_yet_open", "external"])
            else:
                registration = "closed"
            talk = translated(
                Talk,
                slug=slug,
                title=title,
                summary=summary,
                level=level,
                country=country,
                series=rng.choice(series) if rng.random() < 0.3 else None,
                format=fmt,
                venue=venue,
                city=city,
                start=start,
                end=end,
                timezone=tz,
                audience=audience,
                chatham_house=audience == "member_states",
                status=Talk.Status.PUBLISHED,
                registration_mode=registration,
                registration_url=(
                    f"https://migrationnetwork.un.org/register/{slug}"
                    if registration == "external"
                    else ""
                ),
                info_url=f"https://migrationnetwork.un.org/talks/{slug}",
                report_url=(
                    f"https://migrationnetwork.un.org/reports/{slug}.pdf"
                    if not upcoming and rng.random() < 0.4
                    else ""
                ),
                sequence=rng.choice([0, 0, 0, 1, 2]),
            )
            if level == "global":
                organisers = [rng.choice(workstreams + [secretariat])]
            else:
                organisers = rng.sample(regional[region_slug], rng.choice([1, 2]))
            if rng.random() < 0.25:
                organisers.append(rng.choice(partners))
            langs = {"en"} | set(
                rng.sample(["fr", "es", "ar", "ru", "zh", "pt", "sw"], rng.randint(0, 3))
            )
            objs = set(numbers) | set(rng.sample(range(1, 24), rng.randint(0, 2)))
            links.append(
                (
                    talk,
                    [regions[s] for s in talk_regions],
                    organisers,
                    [languages[c] for c in langs],
                    [objectives[n] for n in objs],
                    rng.sample(principles, rng.randint(0, 3)),
                )
            )
            talks.append(talk)
        Talk.objects.bulk_create(talks, batch_size=500)
        through_rows = {
            Talk.regions.through: ("region", 1),
            Talk.organisers.through: ("organiser", 2),
            Talk.interpretation_languages.through: ("language", 3),
            Talk.objectives.through: ("objective", 4),
            Talk.principles.through: ("guidingprinciple", 5),
        }
        for through, (name, index) in through_rows.items():
            rows = [
                through(talk_id=item[0].pk, **{f"{name}_id": obj.pk})
                for item in links
                for obj in item[index]
            ]
            through.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    public_cache.bump()
    talks = Talk.objects.exclude(status=Talk.Status.DRAFT)
    return {
        "published": talks.count(),
        "upcoming": talks.filter(end__gte=dt.datetime.now(dt.UTC)).count(),
        "regions": Talk.regions.through.objects.count(),
        "organisers": Talk.organisers.through.objects.count(),
        "languages": Talk.interpretation_languages.through.objects.count(),
        "objectives": Talk.objectives.through.objects.count(),
        "principles": Talk.principles.through.objects.count(),
        "series": Series.objects.count(),
    }


def fill_main(total: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gcmtalks.settings")
    django.setup()
    counts = fill(total)
    print("filled: " + ", ".join(f"{k}={v}" for k, v in counts.items()), flush=True)


# --------------------------------------------------------------------------------------------
# Orchestration
# --------------------------------------------------------------------------------------------


@dataclass
class WrkResult:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    bytes_read: float
    bytes_slack: float  # wrk prints "8.15GB read": +/- half the last digit
    errors: dict = field(default_factory=dict)
    non2xx: int = 0

    @property
    def bytes_per_response(self) -> float:
        return self.bytes_read / self.requests if self.requests else 0.0


@dataclass
class Row:
    label: str
    path: str
    twin: str
    size: int
    content_type: str
    cold_ms: float
    endpoint: WrkResult | None = None
    static: WrkResult | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def bench_env(port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PG"))}
    env.update(
        DJANGO_SETTINGS_MODULE="gcmtalks.settings",
        DEBUG="0",
        SECRET_KEY="bench-only",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        PUBLIC_CACHE_SECONDS=str(CACHE_SECONDS),
        DATABASE_URL=f"postgres://postgres@{HOST}:5432/{DB_NAME}",
        REDIS_URL=f"redis://{HOST}:{REDIS_PORT}/{REDIS_DB}",
        SITE_URL=f"http://{HOST}:{port}",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def run(cmd: list[str], env=None, timeout=300, capture=False) -> str:
    log("$ " + shlex.join(str(c) for c in cmd))
    proc = subprocess.run(
        cmd, cwd=ROOT, env=env, timeout=timeout, text=True, capture_output=True, check=False
    )
    if proc.returncode != 0:
        raise BenchError(
            f"{shlex.join(cmd)} exited {proc.returncode}:\n"
            f"{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
        )
    if not capture and proc.stdout.strip():
        print(proc.stdout.strip()[-2000:], flush=True)
    return proc.stdout


def check_prerequisites() -> None:
    for tool in ("psql", "wrk"):
        if not shutil.which(tool):
            raise BenchError(f"`{tool}` is not on PATH (Debian: apt-get install -y {tool})")
    run([*PG, "-d", "postgres", "-Atc", "SELECT 1"], capture=True, timeout=20)
    with socket.create_connection((HOST, REDIS_PORT), timeout=5) as s:
        s.sendall(b"PING\r\n")
        if not s.recv(64).startswith(b"+PONG"):
            raise BenchError(f"no Redis answering PING on {HOST}:{REDIS_PORT}")


def reset_database() -> None:
    drop_database()
    run([*PG, "-d", "postgres", "-c", f"CREATE DATABASE {DB_NAME}"], timeout=60)


def drop_database() -> None:
    run(
        [*PG, "-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"], timeout=60
    )


def gunicorn_bin() -> list[str]:
    beside = Path(sys.executable).parent / "gunicorn"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "gunicorn"]


class Server:
    """One gunicorn master and its workers, started and stopped by us (by pid only)."""

    def __init__(self, args, env: dict, port: int, log_path: Path):
        self.args, self.env, self.port, self.log_path = args, env, port, log_path
        self.proc: subprocess.Popen | None = None

    def command(self) -> list[str]:
        cmd = [
            *gunicorn_bin(),
            "gcmtalks.wsgi",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.args.workers),
            "--worker-class",
            self.args.worker_class,
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
            "--backlog",
            "2048",
            "--no-control-socket",
            "--error-logfile",
            str(self.log_path),
        ]
        if self.args.worker_class == "gthread":
            cmd += ["--threads", str(self.args.threads)]
        return cmd

    def start(self) -> None:
        log("$ " + shlex.join(self.command()))
        self.proc = subprocess.Popen(
            self.command(), cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url("/static/bench/"), timeout=2):
                    pass
            except urllib.error.HTTPError:
                if len(self.worker_pids()) >= self.args.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer within 30 s; see {self.log_path}")

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def worker_pids(self) -> list[int]:
        if self.proc is None:
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.proc.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        workers = self.worker_pids()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        for pid in workers:  # only the workers this master forked
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.proc = None


def fetch(url: str) -> tuple[int, dict, bytes, float]:
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"User-Agent": "gcmtalks-bench"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            return response.status, dict(response.headers), body, time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read(), time.perf_counter() - started


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}
SIZES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}


def parse_wrk(text: str) -> WrkResult:
    def duration(value: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value).groups()
        return float(number) * UNITS[unit]

    stats = re.search(r"^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)", text, re.M)
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", text, re.M))
    done = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m), ([\d.]+)([KMGT]?B) read", text)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not (done and rps and stats and "99" in latency):
        raise BenchError(f"could not read wrk's output:\n{text}")
    errors = {}
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    if socket_errors:
        errors = dict(
            zip(
                ("connect", "read", "write", "timeout"),
                map(int, socket_errors.groups()),
                strict=True,
            )
        )
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return WrkResult(
        requests=int(done.group(1)),
        seconds=duration(done.group(2) + done.group(3)) / 1e3,
        rps=float(rps.group(1)),
        p50_ms=duration(latency["50"]),
        p99_ms=duration(latency["99"]),
        max_ms=duration(stats.group(3)),
        bytes_read=float(done.group(4)) * SIZES[done.group(5)],
        bytes_slack=0.005 * SIZES[done.group(5)],
        errors=errors,
        non2xx=int(non2xx.group(1)) if non2xx else 0,
    )


def wrk(args, url: str, seconds: float, during=None) -> WrkResult:
    """wrk against `url`; `during`, if given, is called a few seconds into the run."""
    cmd = ["wrk", f"-t{args.threads_wrk}", f"-c{args.connections}", f"-d{seconds}s", "--latency"]
    cmd += ["--timeout", "10s", url]
    log("$ " + shlex.join(cmd))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if during is not None:
        time.sleep(min(5, seconds / 3))
        during()
    stdout, stderr = proc.communicate(timeout=seconds + 30)
    if proc.returncode != 0:
        raise BenchError(f"wrk exited {proc.returncode}: {stderr}")
    proc.stdout = stdout
    result = parse_wrk(proc.stdout)
    log(
        f"  {result.rps:,.0f} req/s, p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms, "
        f"{result.requests} requests, {result.bytes_per_response:,.0f} B/response"
        + (f", socket errors {result.errors}" if any(result.errors.values()) else "")
        + (f", NON-2xx {result.non2xx}" if result.non2xx else "")
    )
    return result


def check_result(result: WrkResult, size: int, what: str) -> None:
    problems = []
    if result.non2xx:
        problems.append(f"{result.non2xx} responses were not 2xx/3xx")
    if result.requests == 0:
        problems.append("no request completed")
    # wrk counts headers too; a 2xx short body (an error page, a 304) would show here.
    else:
        slack = result.bytes_slack / result.requests
        low, high = result.bytes_per_response - slack, result.bytes_per_response + slack
        if not (high >= size and low <= size + 4096):
            problems.append(f"{result.bytes_per_response:.0f} bytes a response, expected ~{size}")
    if result.errors.get("timeout"):
        problems.append(f"{result.errors['timeout']} requests timed out (> 10 s)")
    if problems:
        raise BenchError(f"{what}: " + "; ".join(problems))


def rss_of(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    pss = None
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        pss = int(match.group(1)) / 1024 if match else None
    except OSError:
        pass
    return {
        "pid": pid,
        "rss_mb": int(fields["VmRSS"]) / 1024,
        "hwm_mb": int(fields["VmHWM"]) / 1024,
        "pss_mb": pss,
    }


def bodies(server: Server) -> list[Row]:
    """First (uncached) request to each endpoint: its body, size and time."""
    rows = []
    for label, path, twin in ENDPOINTS:
        status, headers, body, seconds = fetch(server.url(path))
        if status != 200:
            raise BenchError(f"GET {path} answered {status}: {body[:500]!r}")
        content_type = headers.get("Content-Type", "")
        log(
            f"GET {path}: 200, {len(body):,} bytes, {content_type}, "
            f"first (uncached) {seconds * 1e3:.0f} ms"
        )
        rows.append(Row(label, path, twin, len(body), content_type, seconds * 1e3))
        (TWIN_DIR / twin).write_bytes(body)
    return rows


def verify_twins(server: Server, rows: list[Row]) -> None:
    for row in rows:
        url = server.url(f"/static/bench/{row.twin}")
        status, headers, body, _ = fetch(url)
        if status != 200 or len(body) != row.size:
            raise BenchError(f"GET {url}: {status}, {len(body)} bytes; expected 200, {row.size}")
        if headers.get("Content-Encoding"):
            raise BenchError(f"GET {url} came compressed ({headers['Content-Encoding']})")


def prime(args, server: Server, row: Row) -> None:
    """Fill every worker's response cache for this URL before it is measured.

    The cache lives in each worker's memory, so each worker pays one uncached render (seconds
    for 2,000 talks). Rounds of 2 x workers concurrent requests are sent until two rounds in a
    row answer every request within 0.5 s: a worker still rendering would hold its request
    for longer. Every answer must be a 200 of the expected size.
    """
    url, started, calm, rounds = server.url(row.path), time.monotonic(), 0, 0
    with ThreadPoolExecutor(max_workers=2 * args.workers) as pool:
        while calm < 2:
            if time.monotonic() - started > 60:
                raise BenchError(f"{row.path}: still slow after 60 s of priming")
            results = list(pool.map(fetch, [url] * (2 * args.workers)))
            rounds += 1
            for status, _, body, _ in results:
                if status != 200 or len(body) != row.size:
                    raise BenchError(
                        f"GET {row.path}: {status}, {len(body)} bytes; expected 200, {row.size}"
                    )
            slowest = max(seconds for *_, seconds in results)
            calm = calm + 1 if slowest < 0.5 else 0
    log(f"  primed {row.path} in {time.monotonic() - started:.1f} s ({rounds} rounds)")


def measure(args, server: Server, rows: list[Row]) -> None:
    """Endpoint then its static twin, each warmed up; all within the cache's 60 s."""
    for row in rows:
        endpoint, static = server.url(row.path), server.url(f"/static/bench/{row.twin}")
        log(f"{row.label}: priming the workers' caches, then warming up ({args.warmup} s)")
        prime(args, server, row)
        wrk(args, endpoint, args.warmup)
        row.endpoint = wrk(args, endpoint, args.duration)
        check_result(row.endpoint, row.size, row.path)
        log(f"{row.label}: warming up the static twin ({args.warmup} s)")
        wrk(args, static, args.warmup)
        row.static = wrk(args, static, args.duration)
        check_result(row.static, row.size, f"/static/bench/{row.twin}")


CHANGE_SECONDS = 20
CHANGE = (
    "from gcmtalks.core import public_cache; from gcmtalks.talks.models import Talk; "
    "talk = Talk.objects.order_by('start').first(); "
    "Talk.objects.filter(pk=talk.pk).update(title=talk.title + ' (changed)'); "
    "public_cache.bump()"
)


def change_run(args, server: Server, row: Row, env: dict) -> WrkResult:
    """The endpoint under load while a talk changes: every cached copy becomes out of date,
    one worker renders the page again while the others serve the copy they have."""
    log(f"{row.label}: run across a change to a talk ({CHANGE_SECONDS} s)")
    prime(args, server, row)

    def change():
        run([sys.executable, "manage.py", "shell", "-c", CHANGE], env=env)

    result = wrk(args, server.url(row.path), CHANGE_SECONDS, during=change)
    check_result(result, row.size, row.path)
    return result


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text()
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    return {
        "nproc": os.cpu_count(),
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "cpu": model.group(1).strip() if model else platform.processor(),
        "kernel": platform.release(),
    }


def versions() -> str:
    names = ["Django", "gunicorn", "psycopg", "redis", "whitenoise"]
    python = ", ".join(f"{name} {metadata.version(name)}" for name in names)
    pg = run([*PG, "-d", "postgres", "-Atc", "SHOW server_version"], capture=True).strip()
    wrk_v = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    wrk_line = (wrk_v.stdout + wrk_v.stderr).splitlines()[0].split(" Copyright")[0].strip()
    return f"Python {platform.python_version()}, {python}, PostgreSQL {pg}, {wrk_line}"


def command_line(argv: list[str]) -> str:
    if os.environ.get("MAKELEVEL") and not argv:
        return "make bench"
    return shlex.join([".venv/bin/python", "bench/run.py", *argv])


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def write_results(args, argv, rows: list[Row], facts: dict) -> None:
    info, loads, workers, master = (
        facts["machine"],
        facts["loads"],
        facts["workers"],
        facts["master"],
    )
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    server = f"{args.workers} × {args.worker_class}"
    if args.worker_class == "gthread":
        server += f" ({args.threads} threads each)"
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/run.py`; see `bench/README.md` for what it does and why.",
        "",
        f"- **Date:** {now}",
        f"- **Machine:** {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory, "
        f"Linux {info['kernel']}; load average {loads[0]} before the runs, {loads[1]} after "
        "(other work on the machine competes with client and server alike)",
        f"- **Command:** `{command_line(argv)}` (from the repository root)",
        f"- **Software:** {facts['versions']}",
        f"- **Server:** gunicorn `gcmtalks.wsgi`, {server}, DEBUG=0, PostgreSQL database "
        f"`{DB_NAME}`, Redis db {REDIS_DB} as the shared cache, PUBLIC_CACHE_SECONDS={CACHE_SECONDS}, static "
        "files by WhiteNoise from STATIC_ROOT (uncompressed: wrk sends no Accept-Encoding)",
        f"- **Data:** {facts['counts']} (through-table rows per relation)",
        f"- **Load:** wrk `-t{args.threads_wrk} -c{args.connections} -d{args.duration}s --latency "
        f"--timeout 10s`, after a {args.warmup} s warm-up of each URL; client and server share "
        "the machine",
        "",
        "Each endpoint is measured beside `/static/bench/<file>`, a file holding the very bytes "
        "the endpoint answered, served by the same gunicorn in the same run.",
        "",
        f"Targets: endpoint ≥ {TARGET_RATIO:.0%} of the static file's requests/s, p99 < "
        f"{TARGET_P99_MS:.0f} ms, RSS < {TARGET_RSS_MB:.0f} MB per worker.",
        "",
        "| Endpoint | Bytes | Endpoint req/s | Static req/s | Ratio | Endpoint p99 | "
        "Static p99 | Endpoint p50 | Static p50 | Ratio ≥ 50 % | p99 < 100 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|",
    ]
    for row in rows:
        e, s = row.endpoint, row.static
        ratio = e.rps / s.rps if s.rps else 0.0
        lines.append(
            f"| `{row.path}` | {row.size:,} | {e.rps:,.0f} | {s.rps:,.0f} | {ratio:.0%} | "
            f"{e.p99_ms:.1f} ms | {s.p99_ms:.1f} ms | {e.p50_ms:.1f} ms | {s.p50_ms:.1f} ms | "
            f"{verdict(ratio >= TARGET_RATIO)} | {verdict(e.p99_ms < TARGET_P99_MS)} |"
        )
    lines += [
        "",
        "The table above is the steady state: before each endpoint is measured every worker "
        "has its answer cached (see README). What a worker pays when it has not:",
        "",
        "| Endpoint | Content-Type | First, uncached response (one request, idle server) |",
        "|---|---|---:|",
    ]
    for row in rows:
        lines.append(f"| `{row.path}` | {row.content_type} | {row.cold_ms:,.0f} ms |")
    change = facts.get("change")
    if change:
        row, result = change
        lines += [
            "",
            f"Across a change: `{row.path}` for {result.seconds:.0f} s after priming; 5 s in, a "
            "talk's title changes and the public cache's version is bumped, as every write does. "
            "One worker renders the page again while the others serve the copy they have:",
            "",
            "| Endpoint | req/s | p50 | p99 | max |",
            "|---|---:|---:|---:|---:|",
            f"| `{row.path}` | {result.rps:,.0f} | {result.p50_ms:.1f} ms | "
            f"{result.p99_ms:,.0f} ms | {result.max_ms:,.0f} ms |",
        ]
    lines += [
        "",
        "Memory after the runs (from /proc; RSS counts pages shared with the master, PSS "
        "shares them out):",
        "",
        "| Process | RSS | Peak RSS (VmHWM) | PSS | RSS < 150 MB |",
        "|---|---:|---:|---:|:-:|",
    ]
    for name, item in [
        ("master", master),
        *((f"worker {i + 1}", w) for i, w in enumerate(workers)),
    ]:
        pss = f"{item['pss_mb']:.0f} MB" if item["pss_mb"] is not None else "n/a"
        ok = "" if name == "master" else verdict(item["hwm_mb"] < TARGET_RSS_MB)
        lines.append(
            f"| {name} (pid {item['pid']}) | {item['rss_mb']:.0f} MB | {item['hwm_mb']:.0f} MB | "
            f"{pss} | {ok} |"
        )
    lines += [
        "",
        "Raw wrk figures:",
        "",
        "| URL | Requests | Seconds | Bytes/response | Max latency | Socket errors |",
        "|---|---:|---:|---:|---:|---|",
    ]
    runs = [(r.path, r.endpoint) for r in rows] + [
        (f"/static/bench/{r.twin}", r.static) for r in rows
    ]
    if change:
        runs.append((f"{change[0].path} (across a change)", change[1]))
    for url, result in runs:
        errors = ", ".join(f"{k} {v}" for k, v in result.errors.items() if v) or "none"
        lines.append(
            f"| `{url}` | {result.requests:,} | {result.seconds:.2f} | "
            f"{result.bytes_per_response:,.0f} | {result.max_ms:,.0f} ms | {errors} |"
        )
    notes = RESULTS.read_text().split("<!-- notes -->", 1) if RESULTS.exists() else []
    lines += ["", "<!-- notes -->" + (notes[1].rstrip() if len(notes) == 2 else ""), ""]
    RESULTS.write_text("\n".join(lines))
    log(f"wrote {RESULTS.relative_to(ROOT)}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument(
        "--worker-class", default="sync", choices=["sync", "gthread"], help="(sync)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker (4)")
    parser.add_argument("--connections", type=int, default=50, help="wrk -c (50)")
    parser.add_argument("--threads-wrk", type=int, default=2, help="wrk -t (2)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run (10)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk warm-up per URL (3)")
    parser.add_argument("--port", type=int, default=0, help="port (a free one)")
    parser.add_argument(
        "--keep-db", action="store_true", help="leave the gcmtalks_bench database in place"
    )
    parser.add_argument(
        "--no-change-run",
        action="store_true",
        help=f"skip the {CHANGE_SECONDS} s run of / across a change to a talk",
    )
    parser.add_argument(
        "--no-results", action="store_true", help="print figures, do not write RESULTS.md"
    )
    return parser.parse_args(argv)


def report_failure(name: str, error: Exception, log_path: Path) -> int:
    """Say why a run failed, with the end of the server's log; the exit code."""
    print(f"{name} failed: {error}", file=sys.stderr)
    if log_path.exists():
        print(f"--- {log_path} (tail) ---\n{log_path.read_text()[-3000:]}", file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    if argv[:1] == ["_fill"]:
        fill_main(int(argv[1]))
        return 0
    args = parse_args(argv)
    started = time.monotonic()
    port = args.port or free_port()
    env = bench_env(port)
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"gcmtalks-bench-{port}.log"
    server = None
    try:
        check_prerequisites()
        reset_database()
        manage = [sys.executable, "manage.py"]
        run([*manage, "migrate", "--noinput", "-v", "0"], env=env)
        run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env)
        out = run(
            [sys.executable, str(Path(__file__).resolve()), "_fill", str(TOTAL_TALKS)], env=env
        )
        counts = out.strip().splitlines()[-1].removeprefix("filled: ")
        if f"published={TOTAL_TALKS}," not in counts:
            raise BenchError(f"expected {TOTAL_TALKS} published talks, got: {counts}")
        shutil.rmtree(TWIN_DIR, ignore_errors=True)
        TWIN_DIR.mkdir(parents=True)

        # 1st server: the endpoints' bodies, written as static files before WhiteNoise starts.
        server = Server(args, env, port, log_path)
        server.start()
        rows = bodies(server)
        server.stop()

        # 2nd server: the same settings and port (SITE_URL is in the bodies), now with twins.
        server = Server(args, env, port, log_path)
        server.start()
        verify_twins(server, rows)
        load_before = load_average()
        measure(args, server, rows)
        change = None if args.no_change_run else (rows[0], change_run(args, server, rows[0], env))
        facts = {"loads": (load_before, load_average()), "counts": counts, "change": change}
        facts["workers"] = [rss_of(pid) for pid in server.worker_pids()]
        facts["master"] = rss_of(server.proc.pid)
        if len(facts["workers"]) != args.workers:
            raise BenchError(f"{len(facts['workers'])} workers alive, expected {args.workers}")
        server.stop()
        server = None
        facts["machine"], facts["versions"] = machine(), versions()
        for row in rows:
            ratio = row.endpoint.rps / row.static.rps
            log(
                f"{row.path}: {row.size:,} B, {row.endpoint.rps:,.0f} vs {row.static.rps:,.0f} "
                f"req/s ({ratio:.0%}), p99 {row.endpoint.p99_ms:.1f} vs {row.static.p99_ms:.1f} ms"
            )
        if change:
            log(f"{change[0].path} across a change: p99 {change[1].p99_ms:,.0f} ms")
        for w in facts["workers"]:
            log(f"worker {w['pid']}: RSS {w['rss_mb']:.0f} MB, peak {w['hwm_mb']:.0f} MB")
        if not args.no_results:
            write_results(args, argv, rows, facts)
        log_path.unlink(missing_ok=True)
        log(f"done in {time.monotonic() - started:.0f} s")
        return 0
    except (BenchError, subprocess.TimeoutExpired, OSError) as error:
        return report_failure("bench", error, log_path)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(TWIN_DIR, ignore_errors=True)
        if not args.keep_db:
            try:
                drop_database()
            except (BenchError, subprocess.TimeoutExpired) as error:
                print(f"could not drop {DB_NAME}: {error}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

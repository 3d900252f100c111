"""The organisers' statistics page (issue 8) on PostgreSQL with the acceptance data set.

Creates the database `gcmtalks_bench_stats`, migrates it (which loads the reference data) and
fills it with tests/reporting/dataset.py's data set (200 talks, 50,000 registrations, 1,000
practices and 1,000 pledge intentions), runs ANALYZE, then requests `/manage/statistics/`
signed in as the secretariat through Django's test Client, in-process: one warm-up request,
then 10 timed requests (median and max), and once more to count its SQL queries; the same
with filters (a region and a year). It also times the figures alone (figures.tables,
figures.headline, coverage.by_region, coverage.by_year). Writes the section "Statistics page
(issue 8)" of bench/RESULTS.md (below `<!-- notes -->`, which bench/run.py keeps) and drops
the database (`--keep-db` leaves it).

    .venv/bin/python bench/statistics_page.py [--requests 10] [--keep-db] [--no-results]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication) and `psql`; no
Redis, no gunicorn: the time measured is Django's (view, queries, template), not the network.
"""

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
DATABASE = "gcmtalks_bench_stats"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
URL = "/manage/statistics/"
FILTERED = "?region=africa&year=2025"
TARGET_SECONDS = 1.0
HEADING = "## Statistics page (issue 8)"


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
         "-q", "-c", sql],
        check=True,
    )  # fmt: skip


def environment() -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="gcmtalks.settings",
        DATABASE_URL=DATABASE_URL,
        SECRET_KEY="bench-only",
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="testserver,127.0.0.1",
        PUBLIC_CACHE_SECONDS="0",
        REDIS_URL="",
    )
    sys.path.insert(0, str(ROOT))


def timed(function, times: int) -> list[float]:
    seconds = []
    for _ in range(times):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return seconds


def measure(requests: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gcmtalks.reporting import coverage, figures
    from gcmtalks.reporting.filters import Filters
    from tests.factories import StaffFactory
    from tests.reporting.dataset import build

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build()
    built = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT version()")
        server = cursor.fetchone()[0].split(" on ")[0]
    counts = {
        "talks": "SELECT count(*) FROM talks_talk",
        "registrations": "SELECT count(*) FROM registrations_registration",
        "practices": "SELECT count(*) FROM hub_practice",
        "intentions": "SELECT count(*) FROM intentions_intention",
    }
    with connection.cursor() as cursor:
        for name, sql in counts.items():
            cursor.execute(sql)
            counts[name] = cursor.fetchone()[0]

    client = Client()
    client.force_login(StaffFactory(username="bench-secretariat"))
    results = {"build": built, "counts": counts, "server": server, "pages": {}, "figures": {}}
    for label, url in (("unfiltered", URL), ("region and year", URL + FILTERED)):
        response = client.get(url)  # warm-up: templates, translations, connection
        assert response.status_code == 200, (url, response.status_code)
        seconds = timed(lambda url=url: client.get(url), requests)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        results["pages"][label] = {
            "url": url, "seconds": seconds, "queries": len(queries), "bytes": len(response.content)
        }  # fmt: skip
    for name, function in (
        ("figures.tables", figures.tables),
        ("figures.headline", figures.headline),
        ("coverage.by_region", coverage.by_region),
        ("coverage.by_year", coverage.by_year),
    ):
        function(Filters())
        seconds = timed(lambda function=function: function(Filters()), requests)
        with CaptureQueriesContext(connection) as queries:
            function(Filters())
        results["figures"][name] = {"seconds": seconds, "queries": len(queries)}
    return results


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def report(results: dict, command: str, requests: int) -> str:
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    counts = results["counts"]
    lines = [
        HEADING,
        "",
        f"- **Date:** {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- **Command:** `{command}` (from the repository root; see bench/README.md)",
        f"- **Machine:** {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{results['server']}; load average {load} after the run",
        f"- **Data:** tests/reporting/dataset.py `build()`: {counts['talks']:,} talks, "
        f"{counts['registrations']:,} registrations, {counts['practices']:,} practices, "
        f"{counts['intentions']:,} pledge intentions (built in {results['build']:.1f} s), "
        f"then ANALYZE; database `{DATABASE}`",
        f"- **How:** Django's test Client in-process, signed in as the secretariat, DEBUG=0; "
        f"one warm-up request, then {requests} timed requests; the query count from one more.",
        f"- **Target:** under {TARGET_SECONDS:g} s.",
        "",
        "| Page | Median | Max | Queries | Bytes | Under 1 s |",
        "|---|---:|---:|---:|---:|:-:|",
    ]
    for page in results["pages"].values():
        seconds = page["seconds"]
        lines.append(
            f"| `{page['url']}` | {ms(statistics.median(seconds))} | {ms(max(seconds))} | "
            f"{page['queries']} | {page['bytes']:,} | "
            f"{'yes' if max(seconds) < TARGET_SECONDS else 'no'} |"
        )
    lines += ["", "The figures alone (no filter), same data:", "",
              "| Function | Median | Max | Queries |", "|---|---:|---:|---:|"]  # fmt: skip
    for name, figure in results["figures"].items():
        seconds = figure["seconds"]
        lines.append(
            f"| `{name}` | {ms(statistics.median(seconds))} | {ms(max(seconds))} | "
            f"{figure['queries']} |"
        )
    return "\n".join(lines) + "\n"


def write(section: str) -> None:
    """Replace the section (or add it) below the notes line, which bench/run.py keeps."""
    text = RESULTS.read_text() if RESULTS.exists() else "<!-- notes -->\n"
    if "<!-- notes -->" not in text:
        text += "\n<!-- notes -->\n"
    pattern = re.compile(rf"{re.escape(HEADING)}\n.*?(?=\n## |\Z)", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section.rstrip("\n") + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--no-results", action="store_true", help="print, do not write")
    args = parser.parse_args(argv)
    command = shlex.join([".venv/bin/python", "bench/statistics_page.py", *(argv or sys.argv[1:])])
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    psql(f"CREATE DATABASE {DATABASE}")
    try:
        environment()
        results = measure(args.requests)
    finally:
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    section = report(results, command, args.requests)
    print(section)
    if not args.no_results:
        write(section)
    slowest = max(max(page["seconds"]) for page in results["pages"].values())
    return 0 if slowest < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

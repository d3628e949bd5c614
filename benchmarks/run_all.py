"""Run every benchmark and write their figures, against their targets, to RESULTS.md.

Run: ``.venv/bin/python benchmarks/run_all.py [--quick] [--only dashboard,share_post]
[--sizes 10000,100000,1000000] [--output benchmarks/RESULTS.md]``; under
scripts/with_postgres.sh (``make bench``) every benchmark measures PostgreSQL, otherwise
SQLite (go_redirect always measures PostgreSQL, over HTTP: without it, it runs itself
under scripts/with_postgres.sh). ``--quick``: each benchmark's small sizes, a smoke run of
a few minutes.

Each benchmark runs in its own process (its output is shown as it comes) and ends with a
line ``RESULT {json}`` whose ``figures`` (figure, value, target, met) become a table. A
benchmark that fails is reported as failed and the others still run. The machine (CPU,
cores, memory, load), the versions (Python, Django, Wagtail, the database) and the date
head the file: timings only compare on the same machine.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULT = "RESULT "


def benchmarks(options):
    """(name, command line) of each benchmark, in the order they run."""
    quick = ["--quick"] if options.quick else []
    dashboard = [*quick]
    if options.sizes:
        dashboard += ["--sizes", options.sizes]
    return [
        ("go_redirect", ["go_redirect.py", *quick, "--queued"]),
        ("dashboard", ["dashboard.py", *dashboard]),
        ("share_post", ["share_post.py", *quick]),
        ("pages", ["pages.py", *quick]),
    ]


def run(name, arguments):
    """Run one benchmark, echoing its output; returns (its RESULT or None, exit code, s)."""
    command = [sys.executable, str(HERE / arguments[0]), *arguments[1:]]
    print(f"== {name}: {' '.join(arguments)}", flush=True)
    started = time.perf_counter()
    found = None
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        for line in process.stdout:
            if line.startswith(RESULT):
                try:
                    found = json.loads(line[len(RESULT) :])
                except json.JSONDecodeError:
                    print(f"   (unreadable RESULT line from {name})")
                continue
            print(f"   {line}", end="", flush=True)
    took = time.perf_counter() - started
    print(f"== {name}: exit {process.returncode} after {took:.0f} s", flush=True)
    return found, process.returncode, took


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    try:
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        load = ""
    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "Memory": memory,
        "Load average (1, 5, 15 min) at start": load,
        "OS": platform.platform(),
        "Python": platform.python_version(),
    }


def versions() -> dict:
    """Django's, Wagtail's and the database's (the one DATABASE_URL names, or SQLite)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    import wagtail
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            database = cursor.fetchone()[0].split(" on ")[0]
        connection.close()
    return {"Django": django.get_version(), "Wagtail": wagtail.__version__, "Database": database}


def source() -> str:
    """The commit measured, and whether the working tree differs from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{commit} (with uncommitted changes)" if changed else commit


def verdict(figure) -> str:
    if figure.get("met") is True:
        return "met"
    if figure.get("met") is False:
        return "**missed**"
    return "not measured here" if figure.get("target") else "—"


def cell(text) -> str:
    return str(text).replace("|", "\\|")


def report(options, started, about, outcomes) -> str:
    counts = {"met": 0, "**missed**": 0, "not measured here": 0}
    for result, _code, _took in outcomes.values():
        for figure in (result or {}).get("figures", []):
            if verdict(figure) in counts:
                counts[verdict(figure)] += 1
    lines = [
        "# Benchmark results",
        "",
        f"Written by `benchmarks/run_all.py{' --quick' if options.quick else ''}` on "
        f"{started:%Y-%m-%d %H:%M %Z}, commit {source()}. Targets: {counts['met']} met, "
        f"{counts['**missed**']} missed, {counts['not measured here']} not measured here "
        "(a target for another database or size).",
        "",
        "Timings only compare on the same machine; ratios are measured within one run.",
        "",
        "| Machine | |",
        "|---|---|",
    ]
    lines += [f"| {key} | {cell(value)} |" for key, value in about.items()]
    for name, (result, code, took) in outcomes.items():
        lines += ["", f"## {name}", ""]
        if result is None:
            lines.append(f"Failed (exit code {code}) after {took:.0f} s: see its output.")
            continue
        lines.append(
            f"Database: {result.get('database', '?')}; {took:.0f} s"
            + ("; tasks queued (no worker runs them)." if result.get("queued") else ".")
        )
        lines += ["", "| Figure | Value | Target | |", "|---|---|---|---|"]
        for figure in result.get("figures", []):
            lines.append(
                f"| {cell(figure['figure'])} | {cell(figure['value'])} | "
                f"{cell(figure.get('target') or '—')} | {verdict(figure)} |"
            )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="Small sizes: a smoke run.")
    parser.add_argument("--only", help="Comma-separated benchmark names (default: all).")
    parser.add_argument("--sizes", help="The dashboard's sizes in clicks, comma-separated.")
    parser.add_argument("--output", default=str(HERE / "RESULTS.md"))
    options = parser.parse_args()
    chosen = benchmarks(options)
    if options.only:
        wanted = set(options.only.split(","))
        unknown = wanted - {name for name, _arguments in chosen}
        if unknown:
            parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
        chosen = [(name, arguments) for name, arguments in chosen if name in wanted]

    started = datetime.datetime.now().astimezone()
    about = {**machine(), **versions()}
    outcomes = {}
    for name, arguments in chosen:
        outcomes[f"{name} ({' '.join(arguments)})"] = run(name, arguments)
    text = report(options, started, about, outcomes)
    Path(options.output).write_text(text)
    print(f"\nWrote {options.output}")
    failed = [name for name, (result, _code, _took) in outcomes.items() if result is None]
    if failed:
        print(f"Failed: {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()

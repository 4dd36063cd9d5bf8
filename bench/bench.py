"""`make bench`: one run, one machine, both databases, every scale; writes bench/results.md.

For each database (SQLite, PostgreSQL) and each scale (10k, 100k, 1M claims by default):

1. a synthetic corpus (``manage.py generate_corpus``), kept in ``bench/out/`` or in the
   PostgreSQL database ``counterclaim_bench_<scale>`` and reused by later runs (``--fresh``
   regenerates);
2. in-process server time (median, p95) and query count of the public claim page, the story
   page, the desk queue (listing and searching) and the counter-assertion picker;
3. full-text search against a plain ``icontains`` scan over the same data;
4. requests per second under gunicorn on 127.0.0.1, measured with wrk: a bare Django view,
   the public claim page fresh, and the same page revalidated (``If-None-Match``);
5. a pyinstrument profile of any page that misses its target at the largest scale.

    python bench/bench.py [--scales 10000,100000,1000000] [--engines sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/counterclaim_bench_{scale}"
PORT = 8231

TARGETS = {  # at the largest scale, on both databases
    "picker search p95": 20.0,
    "public claim page median": 10.0,
    "revalidated / bare": 0.5,
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def base_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env.update(
        DEBUG="0",
        TESTING="1",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        BENCH_BARE_VIEW="1",
        PYTHONUNBUFFERED="1",
    )
    return env


def database_env(engine: str, scale: int, fresh: bool) -> dict:
    env = base_env()
    if engine == "sqlite":
        path = OUT / f"corpus-{scale}.sqlite3"
        if fresh:
            for leftover in OUT.glob(f"corpus-{scale}.sqlite3*"):
                leftover.unlink()
        env["SQLITE_PATH"] = str(path)
        return env
    import psycopg

    name = f"counterclaim_bench_{scale}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        if fresh:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f"CREATE DATABASE {name}")
    env["DATABASE_URL"] = PG_URL.format(scale=scale)
    return env


def run_json(env: dict, *args: str) -> dict:
    process = subprocess.run(
        [PY, str(ROOT / "bench" / "inprocess.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if process.returncode:
        sys.stderr.write(process.stdout + process.stderr)
        raise SystemExit(f"bench/inprocess.py {' '.join(args)} failed")
    return json.loads(process.stdout.strip().splitlines()[-1])


# -- gunicorn and wrk ------------------------------------------------------------------------


def wrk_path() -> str | None:
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    log("installing wrk from Debian's packages")
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        capture_output=True,
    )
    return shutil.which("wrk")


def wrk(url: str, seconds: int, headers: dict | None = None) -> float:
    command = [wrk_path() or "wrk", "-t1", "-c8", f"-d{seconds}s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"wrk {url}: {errors.group(1)} error responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def throughput(env: dict, claim_url: str, seconds: int) -> dict:
    """Requests per second of three URLs under one gunicorn: bare view, fresh, revalidated."""
    gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "config.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2", "--access-logfile", "-"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(OUT / "gunicorn.log", "a"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/bench/bare/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        with urllib.request.urlopen(base + claim_url, timeout=10) as response:
            etag = response.headers["ETag"]
        result = {
            "bare Django view": wrk(f"{base}/bench/bare/", seconds),
            "claim page, fresh": wrk(base + claim_url, seconds),
            "claim page, revalidated": wrk(base + claim_url, seconds, {"If-None-Match": etag}),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    result["revalidated / bare"] = round(
        result["claim page, revalidated"] / result["bare Django view"], 2
    )
    return result


# -- the run ---------------------------------------------------------------------------------


def bench_one(engine: str, scale: int, args) -> dict:
    env = database_env(engine, scale, args.fresh)
    log(f"{engine} {scale:,}: corpus")
    corpus = run_json(env, "prepare", str(scale))
    log(f"{engine} {scale:,}: in-process pages and search ({corpus})")
    measured = run_json(env, "measure")
    rps = None
    if wrk_path():
        log(f"{engine} {scale:,}: gunicorn + wrk, {args.seconds} s per URL")
        rps = throughput(env, measured["sample_url"], args.seconds)
    return {"engine": engine, "scale": scale, "corpus": corpus, **measured, "rps": rps}


def profile_misses(results: list[dict]) -> list[str]:
    """A pyinstrument profile of each page that missed its target at the largest scale."""
    notes = []
    largest = max(r["scale"] for r in results)
    for r in results:
        if r["scale"] != largest:
            continue
        misses = []
        if r["pages"]["picker search"]["p95_ms"] > TARGETS["picker search p95"]:
            misses.append("picker search")
        if r["pages"]["public claim page"]["median_ms"] > TARGETS["public claim page median"]:
            misses.append("public claim page")
        for page in misses:
            env = database_env(r["engine"], largest, False)
            slug = page.replace(" ", "-")
            path = OUT / f"profile-{r['engine']}-{slug}.txt"
            run_json(env, "profile", page, str(path))
            notes.append(f"{r['engine']}: {page} missed its target; profile in `{path.name}`")
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10000,100000,1000000")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per URL")
    parser.add_argument("--fresh", action="store_true", help="regenerate every corpus")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results.md"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = []
    for engine in args.engines.split(","):
        for scale in sorted(int(s) for s in args.scales.split(",")):
            results.append(bench_one(engine, scale, args))
    notes = profile_misses(results)
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    Path(args.output).write_text(report(results, notes, time.perf_counter() - started))
    log(f"wrote {args.output}")


# -- the table -------------------------------------------------------------------------------

ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def machine() -> str:
    cores = os.cpu_count()
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return f"{platform.machine()}, {cores} cores{memory}, Python {platform.python_version()}"


def report(results: list[dict], notes: list[str], elapsed: float) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {dt.date.today().isoformat()} ({machine()}), "
        f"in {elapsed / 60:.1f} min. How to read and rerun it: `bench/README.md`.",
        "",
        "## Corpora",
        "",
        "| database | claims | generated in | peak memory | rows written |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        c = r["corpus"]
        made = "reused" if c.get("reused") else f"{c['generate_s']} s"
        peak = f"{c['peak_mib']} MiB" if "peak_mib" in c else "n/a"
        rows = f"{sum(c['rows'].values()):,}" if "rows" in c else "n/a"
        lines.append(f"| {ENGINE_NAMES[r['engine']]} | {r['scale']:,} | {made} | {peak} | {rows} |")
    lines += [
        "",
        "## Server time in process (Django test client, full middleware)",
        "",
        "| database | claims | page | median | p95 | queries |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for r in results:
        for page, m in r["pages"].items():
            lines.append(
                f"| {ENGINE_NAMES[r['engine']]} | {r['scale']:,} | {page} | "
                f"{m['median_ms']} ms | {m['p95_ms']} ms | {m['queries']} |"
            )
    lines += [
        "",
        "## Search: full-text engine against an `icontains` scan (first 20 results)",
        "",
        "| database | claims | full-text median | full-text p95 | icontains median "
        "| icontains p95 | faster by |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        fts, scan = r["search"]["full-text"], r["search"]["icontains"]
        ratio = scan["median_ms"] / max(fts["median_ms"], 0.01)
        lines.append(
            f"| {ENGINE_NAMES[r['engine']]} | {r['scale']:,} | {fts['median_ms']} ms | "
            f"{fts['p95_ms']} ms | {scan['median_ms']} ms | {scan['p95_ms']} ms | {ratio:,.0f}x |"
        )
    lines += [
        "",
        "## Requests per second under gunicorn (2 sync workers, wrk -t1 -c8, 127.0.0.1)",
        "",
        "| database | claims | bare Django view | claim page, fresh | claim page, revalidated "
        "| revalidated / bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        if r["rps"]:
            p = r["rps"]
            lines.append(
                f"| {ENGINE_NAMES[r['engine']]} | {r['scale']:,} | {p['bare Django view']:,.0f} | "
                f"{p['claim page, fresh']:,.0f} | {p['claim page, revalidated']:,.0f} | "
                f"{p['revalidated / bare']} |"
            )
        else:
            lines.append(f"| {ENGINE_NAMES[r['engine']]} | {r['scale']:,} | no wrk | | | |")
    lines += ["", "## Targets at the largest scale", ""]
    largest = max(r["scale"] for r in results)
    for r in results:
        if r["scale"] != largest:
            continue
        name = ENGINE_NAMES[r["engine"]]
        picker = r["pages"]["picker search"]["p95_ms"]
        claim = r["pages"]["public claim page"]["median_ms"]
        lines.append(f"- {name}, {largest:,} claims:")
        lines.append(f"  - picker search p95 {picker} ms (target ≤ 20 ms): {verdict(picker <= 20)}")
        lines.append(
            f"  - public claim page median {claim} ms (target ≤ 10 ms): {verdict(claim <= 10)}"
        )
        if r["rps"]:
            ratio = r["rps"]["revalidated / bare"]
            lines.append(
                f"  - revalidated claim page at {ratio} of the bare view's req/s "
                f"(target ≥ 0.5): {verdict(ratio >= 0.5)}"
            )
    for engine in {r["engine"] for r in results}:
        counts = {
            page: sorted({r["pages"][page]["queries"] for r in results if r["engine"] == engine})
            for page in results[0]["pages"]
        }
        grows = {page: c for page, c in counts.items() if len(c) > 1}
        lines.append(
            f"- {ENGINE_NAMES[engine]}: query counts constant across scales: "
            + (verdict(True) if not grows else f"{verdict(False)} {grows}")
        )
    lines += [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


if __name__ == "__main__":
    main()

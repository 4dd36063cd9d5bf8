"""The benchmark's yardstick view exists only when benchmarking, and its report calls each
target met or missed from the figures measured."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_driver", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_bare_benchmark_view_is_not_served_in_normal_running(client):
    assert client.get("/bench/bare/").status_code == 404


@pytest.mark.django_db
def test_the_bare_benchmark_view_is_served_only_when_asked_for(client):
    import importlib

    import config.urls

    with override_settings(BENCH_BARE_VIEW=True):
        importlib.reload(config.urls)
        clear_url_caches()
        response = client.get("/bench/bare/")
    importlib.reload(config.urls)
    clear_url_caches()
    assert response.status_code == 200
    assert response.content == b"ok"


def result(engine: str, scale: int, picker_p95: float, claim_median: float, ratio: float):
    page = {"median_ms": 1.0, "p95_ms": 2.0, "n": 10, "queries": 7}
    return {
        "engine": engine,
        "scale": scale,
        "corpus": {"claims": scale, "reused": True},
        "pages": {
            "public claim page": {**page, "median_ms": claim_median},
            "picker search": {**page, "p95_ms": picker_p95, "queries": 8},
        },
        "search": {"full-text": page, "icontains": {**page, "median_ms": 300.0}},
        "rps": {
            "bare Django view": 1000.0,
            "claim page, fresh": 200.0,
            "claim page, revalidated": 1000.0 * ratio,
            "revalidated / bare": ratio,
        },
    }


def test_the_report_marks_each_target_met_or_missed_at_the_largest_scale():
    bench = load_bench()
    text = bench.report(
        [
            result("sqlite", 1000, picker_p95=50.0, claim_median=50.0, ratio=0.1),
            result("sqlite", 1_000_000, picker_p95=12.0, claim_median=8.0, ratio=0.7),
            result("postgresql", 1_000_000, picker_p95=25.0, claim_median=11.0, ratio=0.4),
        ],
        [],
        60.0,
    )
    sqlite, postgresql = text.split("- SQLite, 1,000,000 claims:")[1].split("- PostgreSQL")[:2]
    assert sqlite.count("**met**") == 3 and "**missed**" not in sqlite
    assert postgresql.count("**missed**") == 3
    assert "| SQLite | 1,000 | public claim page | 50.0 ms | 2.0 ms | 7 |" in text
    assert "| 300x |" in text  # icontains 300 ms against full-text 1 ms

"""In-process measurements against the database the environment names (run by bench/bench.py).

    python bench/inprocess.py prepare N     # reuse a corpus of N claims, or generate it
    python bench/inprocess.py measure       # server time and query counts per page; search

Prints one JSON object on its last line of output.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Exists, OuterRef, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from claims import corpus  # noqa: E402
from claims.models import ActorAlias, Appearance, Claim, Story  # noqa: E402
from claims.query_text import query_text  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WARMUP = 20


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(times: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(percentile(times, 0.95) * 1000, 2),
        "n": len(times),
    }


def prepare(claims: int) -> dict:
    call_command("migrate", verbosity=0, interactive=False)
    existing = Claim.objects.count()
    if existing == claims:
        return {"claims": claims, "reused": True}
    if existing:
        raise SystemExit(f"The bench database holds {existing} claims, not {claims}: drop it.")
    started = time.perf_counter()
    counts = corpus.generate(claims, seed=1)
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "claims": claims,
        "reused": False,
        "generate_s": round(elapsed, 1),
        "peak_mib": round(peak_kib / 1024),
        "rows": counts.rows,
    }


def sample_claims(n: int) -> list[Claim]:
    """n published claims spread over the whole id range, with their story and speaker."""
    rng = random.Random(7)
    top = Claim.objects.order_by("-pk").values_list("pk", flat=True).first()
    ids = rng.sample(range(1, top + 1), min(top, n * 3))
    found = list(
        Claim.objects.published()
        .filter(pk__in=ids)
        .select_related("speaker")
        .prefetch_related("stories")
    )
    rng.shuffle(found)
    return found[:n]


def picker_queries(claim: Claim) -> list[str]:
    """What an editor types while looking for the answer to ``claim``: a place, a place
    and a target, a speaker's surname as it is typed, a broad word."""
    words = claim.proposition.split()
    place = words[words.index("near") + 1].rstrip(";,") if "near" in words else words[0]
    target = next((t for t in corpus.TARGETS if t in claim.proposition), "a hospital")
    surname = claim.speaker.name.split()[-1]
    return [place[:4], place, f"{place} {target.split()[-1][:5]}", surname[:5], "hospital"]


def timed(client: Client, urls: list[tuple[str, dict]]) -> dict:
    for url, headers in urls[:WARMUP]:
        client.get(url, headers=headers)
    times = []
    for url, headers in urls:
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(urls[0][0], headers=urls[0][1])
    return {**summary(times), "queries": len(queries)}


def icontains(queryset, text: str):
    """The search this project used before full-text search: every word, anywhere."""
    for word in query_text(text).split()[:8]:
        queryset = queryset.filter(
            Q(proposition__icontains=word)
            | Q(speaker__name__icontains=word)
            | Exists(ActorAlias.objects.filter(actor=OuterRef("speaker"), name__icontains=word))
            | Exists(Appearance.objects.filter(claim=OuterRef("pk"), exact__icontains=word))
        )
    return queryset


def measure() -> dict:
    claims = sample_claims(REQUESTS)
    public, desk = Client(), Client()
    editor, _ = User.objects.get_or_create(username="bench-editor")
    editor.groups.add(Group.objects.get(name="editor"))
    desk.force_login(editor)
    htmx = {"HX-Request": "true"}
    stories = [c.stories.all()[0] for c in claims if c.stories.all()]
    pages = {
        "public claim page": timed(public, [(c.get_absolute_url(), {}) for c in claims]),
        "public story page": timed(public, [(s.get_absolute_url(), {}) for s in stories]),
        "desk queue": timed(
            desk, [(f"{reverse('desk:queue')}?page={1 + i % 5}", {}) for i in range(REQUESTS)]
        ),
        "desk queue, searching": timed(
            desk,
            [
                (f"{reverse('desk:queue')}?q={picker_queries(c)[2]}", htmx)
                for c in claims[: REQUESTS // 2]
            ],
        ),
    }
    picks = []
    for claim in claims:
        for q in picker_queries(claim):
            picks.append((f"{reverse('desk:candidates', args=[claim.pk])}?q={q}", htmx))
    pages["picker search"] = timed(desk, picks[: REQUESTS * 2])

    queries = [q for c in claims[:4] for q in picker_queries(c)[1:4]]
    engine, scan = [], []
    for q in queries:
        for collect, search in ((engine, Claim.objects.search), (scan, icontains_search)):
            started = time.perf_counter()
            list(search(q)[:20])
            collect.append(time.perf_counter() - started)
    return {
        "claims": Claim.objects.count(),
        "stories": Story.objects.count(),
        "sample_url": claims[0].get_absolute_url(),
        "pages": pages,
        "search": {"full-text": summary(engine), "icontains": summary(scan)},
    }


def icontains_search(text: str):
    return icontains(Claim.objects.all(), text).order_by("-asserted_on", "-pk")


def profile(page: str, path: str) -> dict:
    """A pyinstrument profile of 50 requests of ``page`` (a page name from ``measure``)."""
    from pyinstrument import Profiler

    claims = sample_claims(50)
    client = Client()
    headers = {}
    if page == "picker search":
        client.force_login(User.objects.get(username="bench-editor"))
        headers = {"HX-Request": "true"}
        urls = [
            f"{reverse('desk:candidates', args=[c.pk])}?q={q}"
            for c in claims
            for q in picker_queries(c)
        ]
    else:
        urls = [c.get_absolute_url() for c in claims]
    client.get(urls[0], headers=headers)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for url in urls:
            client.get(url, headers=headers)
    Path(path).write_text(profiler.output_text(unicode=True, show_all=True))
    return {"profile": path, "requests": len(urls)}


if __name__ == "__main__":
    action = sys.argv[1]
    if action == "prepare":
        result = prepare(int(sys.argv[2]))
    elif action == "profile":
        result = profile(sys.argv[2], sys.argv[3])
    else:
        result = measure()
    print(json.dumps(result))

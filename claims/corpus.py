"""A synthetic ledger at any scale, for benchmarks and load tests.

The corpus looks like the real thing: disputes (stories) between two sides, each side's
states, ministries and spokespeople with roles; wire reports (documents) whose stored text
holds the exact words every claim is anchored to, with the chain by which they reached us;
accusations answered by denials, disputes and counter-accusations; evidence histories; and
claims in every review state. Every row satisfies the database's rules.

Rows are written in bulk (COPY on PostgreSQL, ``executemany`` on SQLite), story by story in
chunks, so memory stays flat whatever the scale; the search index is filled once at the end.
History (django-simple-history) is not written: a bulk import is not an edit.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection as default_connection
from django.db import models, transaction
from django.utils.text import slugify

from sources.models import Document, Outlet, content_hash

from . import search
from .models import (
    CONTEXT_CHARS,
    Actor,
    ActorAlias,
    Appearance,
    AttributionStep,
    Claim,
    ClaimLink,
    EvidenceAssessment,
    LedgerRevision,
    Role,
    Story,
)

CLAIMS_PER_STORY = 50
CLAIMS_PER_DOCUMENT = 10
CHUNK_STORIES = 200

SYLLABLES = (
    "al ba ca da el fa ga ha ir ka la ma na or pa qa ra sa ta ul va za bel dor gan kir lun "
    "mar nor pol ros sar tal var zen ash bor dun fel hal jor kel mor nev rin sol tor vel"
).split()
FIRST = (
    "Anna Boris Carlos Dina Elena Farid Grace Hassan Ivan Julia Karim Lena Marco Nadia Omar "
    "Pavel Rosa Samir Tanya Umar Vera Walid Yara Zoran Amir Bella Chen Dmitri Eva Fatima "
    "Georg Hana Igor Jamal Katya Leon Maya Nikolai Olga Pierre Rania Sergei Tomas Ulla Viktor"
).split()
LAST = (
    "Abbas Belov Castro Dorn Erdem Fischer Gromov Haddad Ilyin Jansen Kovac Lindqvist Morozov "
    "Nasser Orlov Petrov Quinn Rahimi Sokolov Tanaka Usmanov Volkov Weber Yilmaz Zaitsev Aziz "
    "Baker Chaudhry Dimitrov Egorov Farouk Garcia Hoffman Ibrahim Kuznetsov Lopez Mansour"
).split()
TARGETS = (
    "a hospital|a grain depot|the power station|a refugee camp|a checkpoint|a school|"
    "an aid convoy|the bridge|a water plant|an airfield|a market|a fuel depot|the port|"
    "a mosque|a church|an ammunition store|a border post|a dam|a railway junction|a village"
).split("|")
ACTIONS = (
    "shelled|bombed|struck|attacked|blockaded|mined|seized|raided|shot at|fired rockets at"
).split("|")
WEAPONS = (
    "artillery|drones|cluster munitions|chemical weapons|mortars|air strikes|tanks|snipers"
).split("|")
VENUES = ["reporters", "a news conference", "state television", "a briefing", "parliament"]
ROLE_TITLES = ["spokesman", "spokeswoman", "defence minister", "foreign minister", "commander"]
OUTLET_NAMES = (
    "Reuters|Associated Press|Agence France-Presse|Interfax|Anadolu|Xinhua|TASS|BBC|"
    "Al Jazeera|Deutsche Welle|The Guardian|Le Monde|El País|The Hindu|NHK|Kyiv Independent"
).split("|")
RATIONALES = {
    "no_evidence": "The speaker offered no evidence for the assertion.",
    "claimed": "The speaker said evidence exists but has not shown it.",
    "unverified": "Footage was released; its date and place are not yet verified.",
    "corroborated": "Satellite imagery and two independent witnesses support it.",
    "contradicted": "Satellite imagery from the date shows no damage at the site.",
}


def place_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def person_name(k: int) -> str:
    """The k-th of many distinct plausible names; a middle initial once the pairs run out."""
    first, last = FIRST[k % len(FIRST)], LAST[(k // len(FIRST)) % len(LAST)]
    round_ = k // (len(FIRST) * len(LAST))
    return f"{first} {chr(ord('A') + round_ % 26)}. {last}" if round_ else f"{first} {last}"


@dataclass
class Side:
    state: int
    ministry: int
    people: list[tuple[int, int, str]]  # (actor id, role id, role title)
    name: str


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, n: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + n

    def summary(self) -> str:
        return ", ".join(f"{n:,} {table}" for table, n in self.rows.items())


class Writer:
    """Bulk rows into one table: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, connection, model: type[models.Model], columns: list[str]):
        expected = {f.column for f in model._meta.concrete_fields}
        if set(columns) != expected:  # the schema moved on: fail loudly, never half-fill
            raise RuntimeError(f"{model._meta.db_table}: columns {sorted(expected)} expected")
        self.connection = connection
        self.table = model._meta.db_table
        self.columns = columns
        self.rows: list[tuple] = []

    def add(self, row: tuple) -> None:
        self.rows.append(row)

    def flush(self, counts: Counts) -> None:
        if not self.rows:
            return
        quoted = ", ".join(self.connection.ops.quote_name(c) for c in self.columns)
        if self.connection.vendor == "postgresql":
            sql = f"COPY {self.table} ({quoted}) FROM STDIN"
            with self.connection.cursor() as cursor, cursor.copy(sql) as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(self.columns))
            raw = self.connection.connection
            raw.executemany(f"INSERT INTO {self.table} ({quoted}) VALUES ({marks})", self.rows)
        counts.add(self.table, len(self.rows))
        self.rows = []


class Generator:
    def __init__(self, claims: int, *, seed: int = 1, connection=default_connection):
        self.target = claims
        self.rng = random.Random(seed)
        self.connection = connection
        self.counts = Counts()
        postgres = connection.vendor == "postgresql"
        # Values in the text form each database stores (UTC, as Django writes them).
        self.stamp: Callable[[dt.datetime], str] = (
            (lambda t: t.strftime("%Y-%m-%d %H:%M:%S+00"))
            if postgres
            else (lambda t: t.strftime("%Y-%m-%d %H:%M:%S"))
        )
        self.ids = {model: self._next_id(model) for model in self._models()}

    @staticmethod
    def _models() -> list[type[models.Model]]:
        return [
            Outlet,
            Document,
            Actor,
            ActorAlias,
            Role,
            Story,
            Claim,
            Claim.stories.through,
            Appearance,
            AttributionStep,
            ClaimLink,
            EvidenceAssessment,
        ]

    def _next_id(self, model) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {model._meta.db_table}")
            return cursor.fetchone()[0] + 1

    def take(self, model, n: int = 1) -> int:
        first = self.ids[model]
        self.ids[model] += n
        return first

    def writer(self, model, columns: str) -> Writer:
        return Writer(self.connection, model, columns.split())

    # -- the run ---------------------------------------------------------------------------

    def run(self, progress: Callable[[str], None] = lambda message: None) -> Counts:
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        with search.triggers_paused(self.connection):
            with transaction.atomic(using=self.connection.alias):
                self.make_cast()
            stories = max(1, round(self.target / CLAIMS_PER_STORY))
            made = 0
            for first in range(0, stories, CHUNK_STORIES):
                with transaction.atomic(using=self.connection.alias):
                    for index in range(first, min(stories, first + CHUNK_STORIES)):
                        remaining_stories = stories - index
                        size = (self.target - made) // remaining_stories
                        made += self.make_story(index, size)
                    self.flush()
                progress(f"{made:,} claims")
            progress("rebuilding the search index")
        self.reset_sequences()
        with self.connection.cursor() as cursor:
            # Fresh statistics, or the planners guess at a million rows; on PostgreSQL outside a
            # transaction also VACUUM, so counts can use index-only scans.
            postgres = self.connection.vendor == "postgresql"
            vacuum = postgres and not self.connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        LedgerRevision.bump()
        return self.counts

    def reset_sequences(self) -> None:
        statements = self.connection.ops.sequence_reset_sql(no_style(), self._models())
        with self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def flush(self) -> None:
        for writer in self.writers:
            writer.flush(self.counts)

    # -- speakers, roles, outlets ------------------------------------------------------------

    def make_cast(self) -> None:
        rng, tag = self.rng, self.take(Actor, 0)
        actors = self.writer(Actor, "id name slug kind description")
        aliases = self.writer(ActorAlias, "id actor_id name")
        roles = self.writer(
            Role, "id actor_id title organisation_id start_on start_precision end_on end_precision"
        )
        outlets = self.writer(Outlet, "id name slug kind url")

        def actor(name: str, kind: str) -> int:
            pk = self.take(Actor)
            name = f"{name} ({tag})" if tag > 1 else name  # appending: keep names unique
            actors.add((pk, name, f"{slugify(name)}-{pk}", kind, ""))
            return pk

        n_sides = max(4, self.target // 2500)
        self.sides: list[Side] = []
        used: set[str] = set()
        used_people: list[int] = []
        for _ in range(n_sides):
            country = place_name(rng)
            while country in used:
                country = place_name(rng) + place_name(rng).lower()
            used.add(country)
            state = actor(country, "state")
            ministry = actor(f"{country} Ministry of Defence", "organisation")
            aliases.add((self.take(ActorAlias), ministry, f"{country} MoD"))
            people = []
            for j in range(rng.randint(2, 4)):
                person = actor(person_name(len(used_people)), "person")
                used_people.append(person)
                title = f"{country} {rng.choice(ROLE_TITLES)}"
                role = self.take(Role)
                roles.add((role, person, title, ministry, f"{2010 + j}-01-01", "year", None, ""))
                people.append((person, role, title))
            self.sides.append(Side(state, ministry, people, country))
        self.outlets = []
        for i, name in enumerate(OUTLET_NAMES):
            pk = self.take(Outlet)
            full = name if tag <= 1 else f"{name} ({tag})"
            outlets.add((pk, full, f"{slugify(full)}-{pk}", "wire" if i < 6 else "newspaper", ""))
            self.outlets.append((pk, name))
        for writer in (actors, aliases, roles, outlets):
            writer.flush(self.counts)
        self.writers = [
            self.writer(Story, "id title slug summary created_at"),
            self.writer(
                Document,
                "id outlet_id title url published_on published_precision text content_hash "
                "created_at updated_at version",
            ),
            self.writer(
                Claim,
                "id ref proposition slug speaker_id role_id role_as_reported on_behalf_of_id "
                "speech_act asserted_on asserted_precision event_on event_precision review_state "
                "published_at correction_note evidence_status created_by_id created_at updated_at "
                "version",
            ),
            self.writer(Claim.stories.through, "id claim_id story_id"),
            self.writer(
                Appearance,
                "id claim_id document_id start end exact prefix suffix mode orphaned created_at",
            ),
            self.writer(AttributionStep, "id appearance_id position kind outlet_id venue wording"),
            self.writer(
                ClaimLink, "id source_id target_id type note created_by_id created_at version"
            ),
            self.writer(
                EvidenceAssessment,
                "id claim_id status rationale evidence_link_id evidence_document_id evidence_url "
                "assessed_by_id assessed_at",
            ),
        ]
        (
            self.stories,
            self.documents,
            self.claims,
            self.memberships,
            self.appearances,
            self.steps,
            self.links,
            self.assessments,
        ) = self.writers

    # -- one story: a dispute between two sides ---------------------------------------------

    def make_story(self, index: int, size: int) -> int:
        rng = self.rng
        a, b = rng.sample(self.sides, 2)
        place = place_name(rng)
        target = rng.choice(TARGETS)
        weapon = rng.choice(WEAPONS)
        start = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(5000))
        story = self.take(Story)
        title = f"{a.name} and {b.name} trade accusations over {target} near {place}"
        self.stories.add(
            (
                story,
                title,
                f"{slugify(title)[:180]}-{story}",
                f"Who struck {target} near {place}.",
                self.stamp(self.now),
            )
        )

        # Claims: an accusation, then answers from the other side and echoes from the first.
        claims: list[tuple[int, int, Side, str, str]] = []  # (id, speaker, side, wording, act)
        for n in range(size):
            side = a if n % 3 != 1 else b
            other = b if side is a else a
            speaker, role, title = (
                rng.choice(side.people) if rng.random() < 0.7 else (side.ministry, None, "")
            )
            day = start + dt.timedelta(days=n // 5)
            action = rng.choice(ACTIONS)
            if side is a:
                act = "accusation"
                wording = (
                    f"{other.name} forces {action} {target} near {place} "
                    f"with {weapon} on {day:%d %B %Y}"
                )
            elif n % 2:
                act = "denial"
                wording = (
                    f"{side.name} forces did not attack {target} near {place}; "
                    f"the {weapon} story is invented"
                )
            else:
                act = "accusation"
                wording = (
                    f"{other.name} staged the attack on {target} near {place} to blame {side.name}"
                )
            claims.append((self.take(Claim), speaker, side, wording, act))
            state = rng.random()
            review = (
                "published"
                if state < 0.7
                else "in_review"
                if state < 0.85
                else "draft"
                if state < 0.97
                else "withdrawn"
            )
            claim_id = claims[-1][0]
            statuses = []
            if rng.random() < 0.3:
                statuses = rng.sample(list(RATIONALES), rng.randint(1, 2))
            self.claims.add(
                (
                    claim_id,
                    "",
                    wording,
                    slugify(" ".join(wording.split()[:10]))[:80],
                    speaker,
                    role,
                    title,
                    side.state if role is None and rng.random() < 0.5 else None,
                    act,
                    day.isoformat(),
                    "day",
                    (day - dt.timedelta(days=1)).isoformat(),
                    "day",
                    review,
                    self.stamp(self.now) if review == "published" else None,
                    "Withdrawn: the quote was misattributed." if review == "withdrawn" else "",
                    statuses[-1] if statuses else "not_assessed",
                    None,
                    self.stamp(self.now),
                    self.stamp(self.now),
                    1,
                )
            )
            self.memberships.add((self.take(Claim.stories.through), claim_id, story))
            for k, status in enumerate(statuses):
                when = self.now - dt.timedelta(days=len(statuses) - k)
                self.assessments.add(
                    (
                        self.take(EvidenceAssessment),
                        claim_id,
                        status,
                        RATIONALES[status],
                        None,
                        None,
                        "",
                        None,
                        self.stamp(when),
                    )
                )

        # Links: each answer points at an earlier accusation from the other side.
        accusations = [c for c in claims if c[2] is a]
        for claim_id, _speaker, side, _wording, act in claims:
            if side is a and accusations and claim_id != accusations[0][0] and rng.random() < 0.3:
                kind, answered = "corroborates", accusations[0]
            elif side is b and accusations:
                kind = "denies" if act == "denial" else rng.choice(["disputes", "counter_accuses"])
                answered = rng.choice(accusations)
            else:
                continue
            self.links.add(
                (
                    self.take(ClaimLink),
                    claim_id,
                    answered[0],
                    kind,
                    "",
                    None,
                    self.stamp(self.now),
                    1,
                )
            )

        # Documents: wire reports carrying the claims' words.
        for first in range(0, len(claims), CLAIMS_PER_DOCUMENT):
            self.make_document(claims[first : first + CLAIMS_PER_DOCUMENT], title, start)
        return size

    def make_document(self, claims, title: str, day: dt.date) -> None:
        rng = self.rng
        outlet, outlet_name = rng.choice(self.outlets)
        document = self.take(Document)
        parts = [f"{title.upper()}\n\n({outlet_name}) - "]
        offset = len(parts[0])
        spans = []
        for claim_id, _speaker, side, wording, _act in claims:
            direct = rng.random() < 0.5
            lead = f"{side.name} officials said on {day:%A} that " if not direct else "\u201c"
            tail = (
                "."
                if not direct
                else f",\u201d a {side.name} spokesperson told {rng.choice(VENUES)}."
            )
            spans.append(
                (claim_id, offset + len(lead), wording, "direct" if direct else "paraphrase")
            )
            sentence = f"{lead}{wording}{tail} "
            parts.append(sentence)
            offset += len(sentence)
        text = "".join(parts).rstrip()
        stamp = self.stamp(self.now)
        self.documents.add(
            (
                document,
                outlet,
                f"{title} ({outlet_name})"[:300],
                "",
                day.isoformat(),
                "day",
                text,
                content_hash(text),
                stamp,
                stamp,
                1,
            )
        )
        for claim_id, start, exact, mode in spans:
            appearance = self.take(Appearance)
            end = start + len(exact)
            self.appearances.add(
                (
                    appearance,
                    claim_id,
                    document,
                    start,
                    end,
                    exact,
                    text[max(0, start - CONTEXT_CHARS) : start],
                    text[end : end + CONTEXT_CHARS],
                    mode,
                    False,
                    stamp,
                )
            )
            self.steps.add(
                (
                    self.take(AttributionStep),
                    appearance,
                    1,
                    "quoted_by" if mode == "direct" else "reported_by",
                    outlet,
                    "",
                    "",
                )
            )


def generate(
    claims: int,
    *,
    seed: int = 1,
    connection=default_connection,
    progress: Callable[[str], None] = lambda message: None,
) -> Counts:
    return Generator(claims, seed=seed, connection=connection).run(progress)


def ledger_is_empty(connection=default_connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM claims_claim LIMIT 1")
        return cursor.fetchone() is None

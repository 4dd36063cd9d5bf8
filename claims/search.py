"""Full-text search over claims: one interface, two engines.

Every claim has one entry in a search index holding its wording, its speaker's name and
aliases, and the exact words of its appearances. The database keeps the index in step with
triggers, so every way of writing (forms, admin, bulk loads, restores, raw SQL) is covered:

* SQLite: an FTS5 virtual table ``claims_claimsearch`` whose rowid is the claim's id, with a
  Porter-stemming, diacritic-folding tokenizer; ranked with BM25.
* PostgreSQL: a table ``claims_claimsearch`` holding a stored, weighted ``tsvector`` per claim
  (wording A, speaker B, quoted words C) under a GIN index; ranked with ``ts_rank``.

Queries use web-search syntax on both engines: words must all match, ``"a phrase"`` matches
in order, ``-word`` excludes, ``or`` offers alternatives. The last plain word also matches as
a prefix, so results follow an editor as they type. :func:`rebuild` refills the index from
the ledger (``manage.py rebuild_search_index``).
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection as default_connection
from django.db import connections, transaction
from django.db.models import BooleanField, Expression, F, FloatField, Value

from .query_text import query_text

TABLE = "claims_claimsearch"
MAX_TERMS = 8
WINDOW = 1000  # matches ranked per query: see filter_and_rank
RANKED = 200  # of those, the best carry their rank into the SQL that orders the page
MIN_PREFIX = 3  # a shorter last word matches whole words only ("ba" would match half the ledger)

# ---------------------------------------------------------------------------
# Query language: web-search syntax, parsed once and compiled for each engine
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase in order
    text: str  # as typed, for PostgreSQL's own parser (it reads "U.S." as one token)
    negated: bool = False
    prefix: bool = False


TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"\w+")


def parse(text: str) -> list[list[Term]]:
    """Alternatives (joined by ``or``), each a list of terms that must all hold."""
    groups: list[list[Term]] = [[]]
    count = 0
    for match in TOKEN.finditer(query_text(text)):
        negation, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negation, bare = "-", bare[1:]
        typed = phrase if phrase is not None else bare
        words = tuple(w.lower() for w in WORD.findall(typed))
        if not words or count >= MAX_TERMS:
            continue
        count += 1
        groups[-1].append(Term(words, typed, negated=bool(negation)))
    groups = [group for group in groups if any(not t.negated for t in group)]
    if groups:  # the last plain word matches as a prefix: results follow the typing
        last = groups[-1][-1]
        if (
            not last.negated
            and len(last.words) == 1
            and len(last.words[0]) >= MIN_PREFIX
            and match_prefix(text)
        ):
            groups[-1][-1] = Term(last.words, last.text, prefix=True)
    return groups


def match_prefix(text: str) -> bool:
    stripped = (text or "").rstrip()
    return bool(stripped) and stripped[-1] != '"' and stripped == (text or "")


def fts5_query(groups: list[list[Term]]) -> str:
    """FTS5 MATCH syntax. Words are plain \\w+ runs, so double-quoting makes them literal."""

    def atom(term: Term) -> str:
        return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")

    def group_sql(group: list[Term]) -> str:
        positive = " AND ".join(atom(t) for t in group if not t.negated)
        negative = "".join(f" NOT {atom(t)}" for t in group if t.negated)
        return f"({positive}{negative})"

    return " OR ".join(group_sql(group) for group in groups)


def tsquery(groups: list[list[Term]]) -> str:
    """PostgreSQL ``to_tsquery`` syntax. Each term is one quoted literal, which PostgreSQL
    parses and stems as it does the indexed text (several words in it become a phrase)."""

    def atom(term: Term) -> str:
        literal = term.text.replace("\\", "\\\\").replace("'", "''")
        text = f"'{literal}'" + (":*" if term.prefix else "")
        return f"!({text})" if term.negated else f"({text})"

    return " | ".join("(" + " & ".join(atom(t) for t in group) + ")" for group in groups)


# ---------------------------------------------------------------------------
# Queryset expressions
# ---------------------------------------------------------------------------


def config() -> str:
    return settings.SEARCH_CONFIG


def ranked_window(
    groups: list[list[Term]], connection, size: int | None = None
) -> dict[int, float]:
    """Relevance of the ``size`` most recently recorded matching claims, by claim id.

    Both engines find these without visiting every match: FTS5 walks its id-ordered lists
    from the end, PostgreSQL reads the GIN index. Relevance, higher is better, is BM25 on
    SQLite (wording weighs 4, speaker 2, quoted words 1) and ts_rank over the A/B/C weights on
    PostgreSQL.
    """
    size = size or WINDOW
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""SELECT claim_id, ts_rank(document, query)
                FROM {TABLE}, to_tsquery(%s::regconfig, %s) query
                WHERE document @@ query ORDER BY claim_id DESC LIMIT %s""",
                [config(), tsquery(groups), size],
            )
        else:
            cursor.execute(
                f"""SELECT rowid, -bm25({TABLE}, 4.0, 2.0, 1.0) FROM {TABLE}
                WHERE {TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s""",
                [fts5_query(groups), size],
            )
        return {pk: rank for pk, rank in cursor.fetchall()}


class _PkExpression(Expression):
    """SQL correlated with the claim's primary key."""

    def __init__(self, output_field, pk=None):
        super().__init__(output_field=output_field)
        self.pk = pk if pk is not None else F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs


class Matches(_PkExpression):
    """True for every claim whose index entry matches the query, however many there are."""

    conditional = True

    def __init__(self, groups: list[list[Term]], pk=None):
        super().__init__(BooleanField(), pk)
        self.groups = groups

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        if connection.vendor == "postgresql":
            inner = f"SELECT claim_id FROM {TABLE} WHERE document @@ to_tsquery(%s::regconfig, %s)"
            params = [config(), tsquery(self.groups)]
        else:
            inner = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"
            params = [fts5_query(self.groups)]
        return f"{pk_sql} IN ({inner})", [*pk_params, *params]


def rank_map(ranks: dict[int, float]) -> str:
    """The ranks as one compact JSON parameter: {"claim id": rank}."""
    compact = {str(pk): float(f"{rank:.6g}") for pk, rank in ranks.items()}
    return json.dumps(compact, separators=(",", ":"))


class InWindow(_PkExpression):
    """True for the claims of the window, passed as one parameter (an array literal on
    PostgreSQL, JSON on SQLite), not as 1,000. Built from strings once: expressions are
    hashed and compared while the query compiles, and a dict of 1,000 entries is slow at it."""

    conditional = True

    def __init__(self, ids: str, pk=None):
        super().__init__(BooleanField(), pk)
        self.ids = ids  # "1,2,3"

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        if connection.vendor == "postgresql":
            return f"{pk_sql} = ANY(%s::bigint[])", [*pk_params, "{" + self.ids + "}"]
        sql = f"{pk_sql} IN (SELECT value FROM json_each(%s))"
        return sql, [*pk_params, "[" + self.ids + "]"]


class WindowRank(_PkExpression):
    """A claim's relevance from :func:`ranked_window`, looked up in a JSON map of ranks;
    NULL for matches outside it."""

    def __init__(self, ranks: str, pk=None):
        super().__init__(FloatField(), pk)
        self.ranks = ranks  # from rank_map

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        if connection.vendor == "postgresql":
            sql = f"((%s::jsonb ->> ({pk_sql})::text)::double precision)"
        else:
            sql = f"json_extract(%s, '$.\"' || {pk_sql} || '\"')"
        return sql, [self.ranks, *pk_params]


def filter_and_rank(queryset, text: str, *, exhaustive: bool = True):
    """``queryset`` narrowed to claims matching ``text``, annotated with ``search_rank`` and
    ordered best first.

    Relevance is computed for the newest :data:`WINDOW` matches (all of them, for any query
    an editor would type to find one claim) and the best :data:`RANKED` of them are ordered
    by it; other matches have no rank and follow, newest first. With ``exhaustive=False``
    only the window is returned: what the picker and the public search show, found in
    bounded time whatever the size of the ledger. An unusable query matches nothing.
    """
    groups = parse(text)
    if not groups:  # still annotated, so callers may order by the rank
        return queryset.none().annotate(search_rank=Value(None, output_field=FloatField()))
    ranks = ranked_window(groups, connections[queryset.db])
    # Strings, not the dict: expressions are hashed by their constructor arguments.
    matching = Matches(groups) if exhaustive else InWindow(",".join(map(str, ranks)))
    best = dict(sorted(ranks.items(), key=lambda item: item[1], reverse=True)[:RANKED])
    ranked = WindowRank(rank_map(best))
    return queryset.filter(matching).annotate(search_rank=ranked).order_by(*BEST_FIRST)


BEST_FIRST = (F("search_rank").desc(nulls_last=True), "-pk")


# ---------------------------------------------------------------------------
# Schema: index table and the triggers that keep it in step
# ---------------------------------------------------------------------------

# SQLite: refresh the index rows of the claims selected by {ids}.
SQLITE_INSERT = f"""
INSERT INTO {TABLE} (rowid, proposition, speakers, quotes)
SELECT c.id, c.proposition,
       a.name || coalesce(' ' || (SELECT group_concat(al.name, ' ') FROM claims_actoralias al
                                  WHERE al.actor_id = a.id), ''),
       coalesce((SELECT group_concat(ap."exact", ' ') FROM claims_appearance ap
                 WHERE ap.claim_id = c.id), '')
FROM claims_claim c JOIN claims_actor a ON a.id = c.speaker_id
WHERE c.id IN ({{ids}})"""
SQLITE_REFRESH = f"DELETE FROM {TABLE} WHERE rowid IN ({{ids}}); {SQLITE_INSERT};"

SQLITE_TRIGGERS = {
    "claims_search_claim_ins": ("AFTER INSERT ON claims_claim", "NEW.id"),
    "claims_search_claim_upd": (
        "AFTER UPDATE OF proposition, speaker_id ON claims_claim",
        "NEW.id",
    ),
    "claims_search_appearance_ins": ("AFTER INSERT ON claims_appearance", "NEW.claim_id"),
    "claims_search_appearance_upd": (
        'AFTER UPDATE OF "exact", claim_id ON claims_appearance',
        "OLD.claim_id, NEW.claim_id",
    ),
    "claims_search_appearance_del": ("AFTER DELETE ON claims_appearance", "OLD.claim_id"),
    "claims_search_actor_upd": (
        "AFTER UPDATE OF name ON claims_actor",
        "SELECT id FROM claims_claim WHERE speaker_id = NEW.id",
    ),
    "claims_search_alias_ins": (
        "AFTER INSERT ON claims_actoralias",
        "SELECT id FROM claims_claim WHERE speaker_id = NEW.actor_id",
    ),
    "claims_search_alias_upd": (
        "AFTER UPDATE ON claims_actoralias",
        "SELECT id FROM claims_claim WHERE speaker_id IN (OLD.actor_id, NEW.actor_id)",
    ),
    "claims_search_alias_del": (
        "AFTER DELETE ON claims_actoralias",
        "SELECT id FROM claims_claim WHERE speaker_id = OLD.actor_id",
    ),
}


def _sqlite_triggers() -> list[str]:
    statements = [
        f"CREATE TRIGGER claims_search_claim_del AFTER DELETE ON claims_claim "
        f"BEGIN DELETE FROM {TABLE} WHERE rowid = OLD.id; END"
    ]
    for name, (event, ids) in SQLITE_TRIGGERS.items():
        body = SQLITE_REFRESH.format(ids=ids)
        statements.append(f"CREATE TRIGGER {name} {event} BEGIN {body} END")
    return statements


SQLITE_TRIGGER_NAMES = ["claims_search_claim_del", *SQLITE_TRIGGERS]

SQLITE_CREATE = f"""CREATE VIRTUAL TABLE {TABLE} USING fts5(
    proposition, speakers, quotes, tokenize = 'porter unicode61 remove_diacritics 2')"""

# PostgreSQL: one function computes a claim's weighted vector; triggers call a refresh.
PG_VECTOR = """
setweight(to_tsvector({cfg}, c.proposition), 'A')
|| setweight(to_tsvector({cfg}, a.name || coalesce(' ' || (
       SELECT string_agg(al.name, ' ') FROM claims_actoralias al WHERE al.actor_id = a.id), '')),
   'B')
|| setweight(to_tsvector({cfg}, coalesce((
       SELECT string_agg(ap."exact", ' ') FROM claims_appearance ap WHERE ap.claim_id = c.id),
       '')), 'C')
"""


def _pg_statements(cfg: str) -> list[str]:
    vector = PG_VECTOR.format(cfg=f"'{cfg}'::regconfig")
    statements = [
        # No foreign key: TRUNCATE of the claims (Django's test flush) would refuse it; the
        # delete and truncate triggers below keep entries and claims together instead.
        f"""CREATE TABLE {TABLE} (
            claim_id bigint PRIMARY KEY,
            document tsvector NOT NULL)""",
        f"CREATE INDEX {TABLE}_document ON {TABLE} USING gin (document)",
        f"""CREATE FUNCTION claims_search_refresh(ids bigint[]) RETURNS void
        LANGUAGE sql AS $$
            INSERT INTO {TABLE} (claim_id, document)
            SELECT c.id, {vector}
            FROM claims_claim c JOIN claims_actor a ON a.id = c.speaker_id
            WHERE c.id = ANY(ids)
            ON CONFLICT (claim_id) DO UPDATE SET document = EXCLUDED.document
        $$""",
        """CREATE FUNCTION claims_search_claim_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN
            %(guard)s
            PERFORM claims_search_refresh(ARRAY[NEW.id]);
            RETURN NULL;
        END $$""",
        """CREATE FUNCTION claims_search_appearance_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN
            %(guard)s
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM claims_search_refresh(ARRAY[OLD.claim_id]);
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                PERFORM claims_search_refresh(ARRAY[NEW.claim_id]);
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE FUNCTION claims_search_speaker_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE actors bigint[];
        BEGIN
            %(guard)s
            IF TG_TABLE_NAME = 'claims_actor' THEN
                actors := ARRAY[NEW.id];
            ELSIF TG_OP = 'INSERT' THEN
                actors := ARRAY[NEW.actor_id];
            ELSIF TG_OP = 'DELETE' THEN
                actors := ARRAY[OLD.actor_id];
            ELSE
                actors := ARRAY[OLD.actor_id, NEW.actor_id];
            END IF;
            PERFORM claims_search_refresh(
                ARRAY(SELECT id FROM claims_claim WHERE speaker_id = ANY(actors)));
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER claims_search_claim AFTER INSERT OR UPDATE OF proposition, speaker_id
        ON claims_claim FOR EACH ROW EXECUTE FUNCTION claims_search_claim_changed()""",
        f"""CREATE FUNCTION claims_search_claim_gone() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                TRUNCATE {TABLE};
            ELSE
                DELETE FROM {TABLE} WHERE claim_id = OLD.id;
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER claims_search_claim_deleted AFTER DELETE
        ON claims_claim FOR EACH ROW EXECUTE FUNCTION claims_search_claim_gone()""",
        """CREATE TRIGGER claims_search_claim_truncated AFTER TRUNCATE
        ON claims_claim FOR EACH STATEMENT EXECUTE FUNCTION claims_search_claim_gone()""",
        """CREATE TRIGGER claims_search_appearance AFTER INSERT OR DELETE
        OR UPDATE OF "exact", claim_id
        ON claims_appearance FOR EACH ROW EXECUTE FUNCTION claims_search_appearance_changed()""",
        """CREATE TRIGGER claims_search_actor AFTER UPDATE OF name
        ON claims_actor FOR EACH ROW EXECUTE FUNCTION claims_search_speaker_changed()""",
        """CREATE TRIGGER claims_search_alias AFTER INSERT OR UPDATE OR DELETE
        ON claims_actoralias FOR EACH ROW EXECUTE FUNCTION claims_search_speaker_changed()""",
    ]
    # Bulk loads set claims.search_paused for their session (see triggers_paused).
    return [statement.replace("%(guard)s", PAUSED_GUARD) for statement in statements]


PAUSED_GUARD = "IF current_setting('claims.search_paused', true) = 'on' THEN RETURN NULL; END IF;"

PG_TRIGGERS = {
    "claims_search_claim": "claims_claim",
    "claims_search_claim_deleted": "claims_claim",
    "claims_search_claim_truncated": "claims_claim",
    "claims_search_appearance": "claims_appearance",
    "claims_search_actor": "claims_actor",
    "claims_search_alias": "claims_actoralias",
}

PG_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in PG_TRIGGERS.items()),
    "DROP FUNCTION IF EXISTS claims_search_speaker_changed()",
    "DROP FUNCTION IF EXISTS claims_search_appearance_changed()",
    "DROP FUNCTION IF EXISTS claims_search_claim_changed()",
    "DROP FUNCTION IF EXISTS claims_search_claim_gone()",
    "DROP FUNCTION IF EXISTS claims_search_refresh(bigint[])",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def install(connection=default_connection) -> None:
    """Create the index and its triggers (used by the migration), then fill it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in _pg_statements(config()):
                cursor.execute(statement)
        else:
            cursor.execute(SQLITE_CREATE)
            for statement in _sqlite_triggers():
                cursor.execute(statement)
    rebuild(connection)


def uninstall(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in PG_DROP:
                cursor.execute(statement)
        else:
            for name in SQLITE_TRIGGER_NAMES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def rebuild(connection=default_connection) -> int:
    """Refill the whole index from the ledger; returns the number of entries."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {TABLE}")
            cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_document")
            vector = PG_VECTOR.format(cfg="%s::regconfig")
            cursor.execute(
                f"""INSERT INTO {TABLE} (claim_id, document)
                SELECT c.id, {vector}
                FROM claims_claim c JOIN claims_actor a ON a.id = c.speaker_id""",
                [config()] * 3,
            )
            cursor.execute(f"CREATE INDEX {TABLE}_document ON {TABLE} USING gin (document)")
        else:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(SQLITE_INSERT.format(ids="SELECT id FROM claims_claim"))
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        return cursor.fetchone()[0]


@contextmanager
def triggers_paused(connection=default_connection):
    """Bulk loads: skip the per-row index upkeep, load, then rebuild the index once.

    PostgreSQL: the trigger functions return at once while this session has set
    ``claims.search_paused``; other sessions keep their index upkeep. SQLite: the triggers are
    dropped and created again (inside the caller's transaction where there is one)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # no DDL, no lock: only this session skips
            cursor.execute("SELECT set_config('claims.search_paused', 'on', false)")
        else:
            for name in SQLITE_TRIGGER_NAMES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('claims.search_paused', 'off', false)")
            else:
                for statement in _sqlite_triggers():
                    cursor.execute(statement)
        rebuild(connection)

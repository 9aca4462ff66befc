"""The search index (SQLite FTS5), kept in step with the rows it indexes.

Tables (migration 0004):

- ``search_index``: an FTS5 table of token text (``app.domain.search_text``), one row per
  item or work-log entry, columns ``COLUMNS``;
- ``search_doc``: what each FTS row is (kind item|log, the row's id, its incident, phase and
  kind), with the same rowid, so a row is found by id and results are filtered by incident;
- ``search_pending``: rows whose text changed, queued by triggers on ``item``, ``file`` and
  ``log_entry``.

Triggers queue every change whatever wrote it (the ORM, a bulk UPDATE, raw SQL), and every
writer session drains the queue just before it commits (``keep_in_step``), so the index
changes in the same transaction as the rows: it can never show a row that was rolled back
or miss one that was committed. The migration fills the index for a store's existing rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session, sessionmaker

from app.domain.search_query import Term
from app.domain.search_text import RunKind, bigrams, index_tokens, index_tokens_main, runs

FTS_TABLE = "search_index"
DOC_TABLE = "search_doc"
PENDING_TABLE = "search_pending"
# Index columns and their bm25 weights: a title hit counts most, then the 档号 and keywords.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("title", 10.0), ("body", 1.0), ("people", 3.0), ("place", 3.0), ("keywords", 4.0),
    ("files", 2.0), ("code", 8.0),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)
# FTS5 splits the token text at spaces only: every character a token holds is a letter,
# number or mark (Co: private-use characters, kept whole too).
FTS_TOKENIZE = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
CHUNK = 500

ITEM_COLUMNS = ("title", "description", "people", "place", "keywords", "archival_code")
# Columns of item whose change means a new index row (the text, and what results filter on).
ITEM_TRIGGER_COLUMNS = (*ITEM_COLUMNS, "phase", "kind", "incident_id")


def is_index_table(name: str) -> bool:
    """The FTS5 table and its shadow tables: SQLite's, not the models' (Alembic skips them)."""
    return name == FTS_TABLE or name.startswith(FTS_TABLE + "_")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's filter: compare every table except the FTS5 ones with the models."""
    return not (type_ == "table" and name is not None and is_index_table(name))


# -- schema (used by the migration) ---------------------------------------------------------


def create_fts_sql() -> str:
    cols = ", ".join(COLUMN_NAMES)
    return f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({cols}, tokenize=\"{FTS_TOKENIZE}\")"


def _queue(kind: str, ref: str) -> str:
    return f"INSERT OR IGNORE INTO {PENDING_TABLE} (kind, ref_id) VALUES ('{kind}', {ref});"


# (name, SQL) of the triggers that queue changed rows.
TRIGGERS: tuple[tuple[str, str], ...] = (
    ("search_item_insert", f"AFTER INSERT ON item BEGIN {_queue('item', 'NEW.id')} END"),
    ("search_item_update",
     f"AFTER UPDATE OF {', '.join(ITEM_TRIGGER_COLUMNS)} ON item "
     f"BEGIN {_queue('item', 'OLD.id')} {_queue('item', 'NEW.id')} END"),
    ("search_item_delete", f"AFTER DELETE ON item BEGIN {_queue('item', 'OLD.id')} END"),
    ("search_file_insert", f"AFTER INSERT ON file BEGIN {_queue('item', 'NEW.item_id')} END"),
    ("search_file_update",
     "AFTER UPDATE OF original_name, role, item_id ON file "
     f"BEGIN {_queue('item', 'OLD.item_id')} {_queue('item', 'NEW.item_id')} END"),
    ("search_file_delete", f"AFTER DELETE ON file BEGIN {_queue('item', 'OLD.item_id')} END"),
    ("search_log_insert", f"AFTER INSERT ON log_entry BEGIN {_queue('log', 'NEW.id')} END"),
)


def create_trigger_sql(name: str, body: str) -> str:
    return f"CREATE TRIGGER {name} {body}"


# -- keeping in step ------------------------------------------------------------------------


def keep_in_step(sessions: sessionmaker[Session]) -> None:
    """Make every session of ``sessions`` bring the index up to date before it commits."""

    @event.listens_for(sessions, "before_commit")
    def _before_commit(session: Session) -> None:
        session.flush()  # pending ORM changes fire their triggers first
        drain(session.connection())


def drain(conn: Connection) -> int:
    """Reindex every queued row (in the caller's transaction); returns how many."""
    queued = conn.exec_driver_sql(f"SELECT kind, ref_id FROM {PENDING_TABLE}").all()
    if not queued:
        return 0
    items = [ref for kind, ref in queued if kind == "item"]
    logs = [ref for kind, ref in queued if kind == "log"]
    reindex_items(conn, items)
    reindex_logs(conn, logs)
    conn.exec_driver_sql(f"DELETE FROM {PENDING_TABLE}")
    return len(queued)


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def reindex_items(conn: Connection, ids: Sequence[str]) -> None:
    for chunk in _chunks(list(dict.fromkeys(ids))):
        rows = conn.exec_driver_sql(
            "SELECT id, incident_id, kind, phase, title, description, people, place, "
            f"keywords, archival_code FROM item WHERE id IN ({_marks(len(chunk))})",
            tuple(chunk)).all()
        names: dict[str, list[str]] = {}
        for item_id, name in conn.exec_driver_sql(
                f"SELECT item_id, original_name FROM file WHERE item_id IN "
                f"({_marks(len(chunk))}) AND role = 'original' AND original_name <> '' "
                "ORDER BY item_id, seq",
                tuple(chunk)):
            if name not in names.setdefault(item_id, []):
                names[item_id].append(name)
        docs = []
        for (item_id, incident_id, kind, phase, title, description, people, place, keywords,
             code) in rows:
            texts = (title, description, people, place, keywords,
                     " ".join(names.get(item_id, ())), code or "")
            docs.append(("item", item_id, incident_id, phase, kind, texts))
        _write(conn, "item", chunk, docs)


def reindex_logs(conn: Connection, ids: Sequence[str]) -> None:
    for chunk in _chunks(list(dict.fromkeys(ids))):
        rows = conn.exec_driver_sql(
            "SELECT id, incident_id, category, phase, content, participants, place "
            f"FROM log_entry WHERE id IN ({_marks(len(chunk))})", tuple(chunk)).all()
        docs = [("log", entry_id, incident_id, phase, category,
                 ("", content, participants, place, "", "", ""))
                for entry_id, incident_id, category, phase, content, participants, place
                in rows]
        _write(conn, "log", chunk, docs)


def _write(conn: Connection, kind: str, ids: Sequence[str],
           docs: Sequence[tuple[str, str, str, str | None, str, tuple[str, ...]]]) -> None:
    """Replace the index rows of ``ids``: the present ones rewritten, the gone ones removed."""
    marks = _marks(len(ids))
    old = conn.exec_driver_sql(
        f"SELECT rowid FROM {DOC_TABLE} WHERE kind = ? AND ref_id IN ({marks})",
        (kind, *ids)).scalars().all()
    if old:
        conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({_marks(len(old))})",
                             tuple(old))
    present = {d[1] for d in docs}
    gone = [ref for ref in ids if ref not in present]
    if gone:
        conn.exec_driver_sql(f"DELETE FROM {DOC_TABLE} WHERE kind = ? AND ref_id IN "
                             f"({_marks(len(gone))})", (kind, *gone))
    if not docs:
        return
    conn.exec_driver_sql(
        f"INSERT INTO {DOC_TABLE} (kind, ref_id, incident_id, phase, subkind) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, ref_id) DO UPDATE SET "
        "incident_id = excluded.incident_id, phase = excluded.phase, "
        "subkind = excluded.subkind",
        [(d[0], d[1], d[2], d[3], d[4]) for d in docs])
    rowids: dict[str, int] = dict(conn.exec_driver_sql(
        f"SELECT ref_id, rowid FROM {DOC_TABLE} WHERE kind = ? AND ref_id IN "
        f"({_marks(len(present))})", (kind, *present)).all())
    conn.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(COLUMN_NAMES)}) "
        f"VALUES (?, {_marks(len(COLUMN_NAMES))})",
        [(rowids[d[1]], *(index_tokens(t or "") for t in d[5])) for d in docs])


def rebuild(conn: Connection) -> int:
    """Index every item and work-log entry afresh (a migrated store's existing rows)."""
    conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
    conn.exec_driver_sql(f"DELETE FROM {DOC_TABLE}")
    conn.exec_driver_sql(f"DELETE FROM {PENDING_TABLE}")
    items = conn.exec_driver_sql("SELECT id FROM item").scalars().all()
    logs = conn.exec_driver_sql("SELECT id FROM log_entry").scalars().all()
    reindex_items(conn, items)
    reindex_logs(conn, logs)
    return len(items) + len(logs)


# -- queries ---------------------------------------------------------------------------------


def _phrase(tokens: Sequence[str], prefix: bool) -> str:
    # Tokens hold letters, numbers and marks only: nothing to escape inside the quotes.
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


def term_expression(term: Term) -> str | None:
    """One term as an FTS5 expression, or None when it holds nothing searchable."""
    parts = runs(term.text)
    if not parts:
        return None
    lone_inside = any(r.kind is RunKind.CJK and len(r.text) == 1 for r in parts[:-1])
    if len(parts) > 1 and lone_inside:
        # A one-character CJK run inside a mixed term (G6高K1) has no bigram of its own to
        # keep the phrase in order: look for each run separately.
        exprs = [term_expression(Term(r.text, None, term.exact)) for r in parts]
        body = "(" + " AND ".join(e for e in exprs if e) + ")"
    else:
        tokens: list[str] = []
        for r in parts:
            tokens.extend(bigrams(r.text) if r.kind is RunKind.CJK else [r.text])
        last = parts[-1]
        # A word at the end may be the start of a longer one (K12 finds K123); so may a
        # single CJK character after other runs (G6高 finds G6高速: 高 starts the bigram 高速).
        prefix = not term.exact and (
            last.kind is RunKind.WORD or (last.kind is RunKind.CJK and len(last.text) == 1
                                          and len(parts) > 1))
        body = _phrase(tokens, prefix)
    return f"{term.column} : {body}" if term.column else body


def match_expression(terms: Sequence[Term]) -> str | None:
    exprs = [e for e in (term_expression(t) for t in terms) if e]
    return " AND ".join(exprs) if exprs else None


def title_expression(terms: Sequence[Term]) -> str | None:
    """Every free word in the title: the hits ranked above body hits."""
    free = [t for t in terms if t.column is None]
    expr = match_expression(free)
    return f"title : ({expr})" if expr else None


def phrase_expression(free_text: str) -> str | None:
    """The free words as they were typed, one exact phrase (for the phrase bonus)."""
    tokens = index_tokens_main(free_text)
    return _phrase(tokens, prefix=False) if len(tokens) > 1 else None


def bm25_call() -> str:
    return f"bm25({FTS_TABLE}, {', '.join(str(w) for _, w in COLUMNS)})"


def search_sql(match: str, title: str | None, phrase: str | None,
               filters: Sequence[tuple[str, Any]]) -> tuple[str, list[Any]]:
    """The ranked query: title hits, then exact-phrase hits, then by bm25 (best first).

    The bonuses are FTS5 queries of their own (``rowid IN (…)``, each run once); the
    caller appends the LIMIT's value to the parameters.
    """
    bonus_sql: list[str] = []
    bonus_params: list[Any] = []
    for expr, weight in ((title, 2), (phrase, 1)):
        if expr:
            bonus_sql.append(f"(d.rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} "
                             f"MATCH ?)) * {weight}")
            bonus_params.append(expr)
    where = [f"{FTS_TABLE} MATCH ?", *(f"d.{column} = ?" for column, _ in filters)]
    sql = (f"SELECT d.kind, d.ref_id, {bm25_call()} AS rank, "
           f"{' + '.join(bonus_sql) or '0'} AS bonus "
           f"FROM {FTS_TABLE} JOIN {DOC_TABLE} AS d ON d.rowid = {FTS_TABLE}.rowid "
           f"WHERE {' AND '.join(where)} ORDER BY bonus DESC, rank LIMIT ?")
    return sql, [*bonus_params, match, *(value for _, value in filters)]

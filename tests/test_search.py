"""Search: Chinese words of one and two characters, mixed strings, Mongolian, ranking, and an
index that follows every change in the same transaction."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command

from app.domain.search_query import Term, parse_query
from app.domain.search_text import index_tokens
from app.store import migrate, search_index
from app.store.engine import make_engine
from app.store.errors import InvalidInput
from app.store.models import Item
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.items import NewFile
from app.store.repositories.search import SearchUnavailable
from app.store.store import DB_NAME, Store
from tests.test_store_support import one_json_object, run_cli

MONGOLIAN_WORD = "ᠮᠣᠩᠭᠣᠯ"  # mongɣol
WHEN = datetime.fromisoformat("2025-07-22T09:00:00+08:00")


def add_item(repos: Repositories, incident: IncidentRecord, name: str, **fields: str) -> str:
    rec = repos.items.ingest(incident.id, "photo", [
        NewFile(name.encode() + b" bytes", original_name=name, suffix=".jpg",
                format="image/jpeg")], date=WHEN, fields=fields)
    return rec.id


def found(repos: Repositories, query: str, incident: IncidentRecord | None = None) -> list[str]:
    return [h.id for h in repos.search.search(query, incident.id if incident else None)]


@pytest.fixture
def operator(repos: Repositories) -> str:
    repos.operators.add("张三", "旗档案馆", "archivist")
    return "张三"


def test_tokens_bigrams_unigrams_and_words() -> None:
    assert index_tokens("群众转移") == "群众 众转 转移 群 众 转 移"
    assert index_tokens("G6高速 K123+500") == "g6 高速 k123 500 g 6 高 速 k 123"
    assert index_tokens("水") == "水"
    assert index_tokens(f"{MONGOLIAN_WORD}\u180b ᠬᠡᠯᠡ") == f"{MONGOLIAN_WORD} ᠬᠡᠯᠡ"
    assert index_tokens("Ｇ６ Rescue") == "g6 rescue g 6"  # full width, case


def test_query_fields_filters_and_phrases() -> None:
    q = parse_query('place:兴和 phase:response 转移 "群众 转移" 14:30')
    assert q.filters == (("phase", "response"),)
    assert q.terms == (Term("兴和", "place"), Term("转移"), Term("群众 转移", None, True),
                       Term("14:30"))


def test_finds_one_and_two_character_chinese_words(repos: Repositories,
                                                   incident: IncidentRecord) -> None:
    moved = add_item(repos, incident, "IMG_0001.JPG", title="安置点",
                     description="群众转移到安置点，道路积水严重")
    rescue = add_item(repos, incident, "IMG_0002.JPG", title="消防救援队进入震中")
    other = add_item(repos, incident, "IMG_0003.JPG", title="指挥部会议")
    assert found(repos, "转移") == [moved]
    assert found(repos, "水") == [moved]
    assert found(repos, "救援") == [rescue]
    assert found(repos, "救援队") == [rescue]
    assert found(repos, "队救") == []  # bigrams in order, not a bag of characters
    assert found(repos, "会议") == [other]
    assert found(repos, "洪水") == []


def test_finds_mixed_strings_names_and_mongolian(repos: Repositories,
                                                 incident: IncidentRecord) -> None:
    road = add_item(repos, incident, "DSC_4711.JPG", title="G6高速K123+500处塌方",
                    people="乌云其木格、李明")
    mongol = add_item(repos, incident, "IMG_0005.JPG", title=f"{MONGOLIAN_WORD} ᠬᠡᠯᠡ",
                      keywords="双语标牌")
    assert found(repos, "G6高速") == [road]
    assert found(repos, "g6") == [road]
    assert found(repos, "K123+500") == [road]
    assert found(repos, "K123") == [road]
    assert found(repos, "123") == [road]
    assert found(repos, "G6高") == [road]
    assert found(repos, "K124") == []
    assert found(repos, "乌云其木格") == [road]
    assert found(repos, "李明") == [road]
    assert found(repos, "people:李明") == [road]
    assert found(repos, "place:李明") == []
    assert found(repos, MONGOLIAN_WORD) == [mongol]
    assert found(repos, "dsc_4711") == [road]  # the original file name
    assert found(repos, "file:DSC") == [road]


def test_work_log_entries_are_found_with_items(repos: Repositories, incident: IncidentRecord,
                                               operator: str) -> None:
    item = add_item(repos, incident, "IMG_0010.JPG", title="群众转移")
    entry = repos.log.add(incident.id, "组织三个村的群众转移到第二安置点。", place="兴和县",
                          participants="王五", phase="response", occurred_at=WHEN)
    hits = repos.search.search("转移", incident.id)
    assert {(h.kind, h.id) for h in hits} == {("item", item), ("log", entry.id)}
    log_hit = next(h for h in hits if h.kind == "log")
    assert log_hit.seq == entry.seq and "转移" in log_hit.snippet
    assert found(repos, "place:兴和 phase:response 转移") == [entry.id]
    assert found(repos, "kind:log 转移") == [entry.id]
    assert found(repos, "kind:照片 转移") == [item]
    assert found(repos, "王五") == [entry.id]
    with pytest.raises(InvalidInput, match="phase:later"):
        repos.search.search("phase:later 转移")


def test_title_hits_and_exact_phrases_rank_first(repos: Repositories,
                                                 incident: IncidentRecord) -> None:
    body = add_item(repos, incident, "a.jpg", title="现场照片",
                    description="救援 救援 救援，消防救援队在废墟中搜救")
    title = add_item(repos, incident, "b.jpg", title="消防救援",
                     description="废墟中搜救被困人员，持续到夜间，共转移二十人")
    assert found(repos, "救援") == [title, body]
    loose = add_item(repos, incident, "c.jpg", title="x",
                     description="道路多处中断，道路多处中断")
    phrase = add_item(repos, incident, "d.jpg", title="y",
                      description="上午抢通后，下午因余震道路 中断，车辆绕行乡道")
    assert found(repos, "道路 中断") == [phrase, loose]
    assert found(repos, '"道路 中断"') == [phrase]


def test_the_index_follows_edits_and_deletions(store: Store, repos: Repositories,
                                               incident: IncidentRecord) -> None:
    item_id = add_item(repos, incident, "IMG_0100.JPG", title="临时标题")
    assert found(repos, "临时") == [item_id]
    # A describe that changes the title (its API is built elsewhere): a writer session.
    with store.writer() as s:
        row = s.get(Item, item_id)
        assert row is not None
        row.title = "堤坝决口处抢险"
        row.archival_code = "Z109-ZP·2025-Y-YJB-0001"
    assert found(repos, "临时") == []
    assert found(repos, "抢险") == [item_id]
    assert found(repos, "Z109-ZP·2025-Y-YJB-0001") == [item_id]
    assert found(repos, "code:YJB") == [item_id]
    # A change rolled back leaves the index as it was.
    with pytest.raises(RuntimeError), store.writer() as s:
        row = s.get(Item, item_id)
        assert row is not None
        row.title = "回滚的标题"
        s.flush()
        raise RuntimeError("abandon")
    assert found(repos, "回滚") == [] and found(repos, "抢险") == [item_id]
    # A bulk UPDATE in raw SQL is followed too (the triggers queue it).
    with store.writer() as s:
        s.connection().exec_driver_sql("UPDATE item SET keywords = '溃坝' WHERE id = ?",
                                       (item_id,))
    assert found(repos, "溃坝") == [item_id]
    with store.writer() as s:
        s.connection().exec_driver_sql("DELETE FROM file WHERE item_id = ?", (item_id,))
        row = s.get(Item, item_id)
        s.delete(row)
    assert found(repos, "抢险") == []
    assert _count(store, "search_doc") == 0 and _count(store, "search_pending") == 0


def _count(store: Store, table: str) -> int:
    with store.reader() as s:
        return int(s.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
                   or 0)


def test_a_store_made_before_the_migration_gets_its_rows_indexed(
        store_path: Path, operator: str, repos: Repositories,
        incident: IncidentRecord) -> None:
    item_id = add_item(repos, incident, "IMG_0200.JPG", title="群众转移到安置点")
    entry = repos.log.add(incident.id, "清点转移人数。", occurred_at=WHEN)
    repos.store.close()
    engine = make_engine(store_path / DB_NAME)
    try:
        with engine.connect() as conn:
            command.downgrade(migrate.alembic_config(conn), "0002")
            conn.commit()
    finally:
        engine.dispose()
    conn = sqlite3.connect(store_path / DB_NAME)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert not any(n.startswith("search") for n in names)
    with Store.open(store_path) as store:  # upgrades to head, indexing what is there
        assert store.backup_made is not None
        assert {h.id for h in Repositories(store).search.search("转移")} == {item_id,
                                                                            entry.id}


def test_nothing_searchable_finds_nothing(repos: Repositories,
                                          incident: IncidentRecord) -> None:
    add_item(repos, incident, "IMG_0300.JPG", title="标题")
    assert repos.search.search("") == ()
    assert repos.search.search("，。！ + ") == ()
    assert search_index.match_expression(parse_query('"" :').terms) is None


def test_search_command(store_path: Path, operator: str, repos: Repositories,
                        incident: IncidentRecord) -> None:
    item_id = add_item(repos, incident, "IMG_0400.JPG", title="群众转移到安置点")
    entry = repos.log.add(incident.id, "清点转移人数。", occurred_at=WHEN)
    repos.store.close()
    result = run_cli("search", "--store", str(store_path), "--incident", "EQ2025-01", "转移")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "群众转移到安置点" in lines[0] and "[照片]" in lines[0]  # the title hit first
    assert any(f"日志 #{entry.seq}" in line for line in lines)
    result = run_cli("search", "--store", str(store_path), "--json", "kind:log", "转移")
    data = one_json_object(result.stdout)
    assert data["count"] == 1
    assert data["hits"] == [{**data["hits"][0], "kind": "log", "id": entry.id}]
    result = run_cli("search", "--store", str(store_path), "phase:later", "转移")
    assert result.returncode == 1 and "phase:later" in result.stderr
    assert "Traceback" not in result.stderr and item_id


def test_an_old_store_read_only_says_why_it_cannot_search(store_path: Path,
                                                          repos: Repositories,
                                                          incident: IncidentRecord) -> None:
    add_item(repos, incident, "IMG_0500.JPG", title="群众转移")
    repos.store.close()
    engine = make_engine(store_path / DB_NAME)
    try:
        with engine.connect() as conn:
            command.downgrade(migrate.alembic_config(conn), "0002")
            conn.commit()
    finally:
        engine.dispose()
    with Store.open(store_path, readonly=True) as store:
        with pytest.raises(SearchUnavailable, match="read-only"):
            Repositories(store).search.search("转移")

"""What a probe with hostile input found outside the importer, each kept from coming back:
dates at the ends of the calendar, enormous work-log entries, control characters in names
and log text."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from app.export.log_pdf import WRAP_PIECE, LogPDF, render_log_pdf
from app.export.pdf_fonts import close_fonts
from app.store.errors import InvalidInput
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.worklog import MAX_ENTRY_CHARS
from app.store.store import Store
from tests.test_cli_bad_input import CREATE, refused
from tests.test_import_bad_input import GOOD
from tests.test_store_support import assert_one_clear_line, run_cli

FAR_DATES = ["0001-01-01T00:00+14:00", "9999-12-31T23:59-12:00", "1899-12-31T23:00+08:00"]


@pytest.mark.parametrize("when", FAR_DATES)
def test_an_incident_starting_at_the_ends_of_the_calendar_is_refused_with_a_sentence(
    store_path: Path, store: Store, capsys: pytest.CaptureFixture[str], when: str
) -> None:
    store.close()
    args = [a if a != "2025-07-01T08:00+08:00" else when for a in CREATE]
    line = refused(capsys, store_path, *args, "--store", str(store_path), status=2)
    assert "outside the years FieldArchive takes" in line


@pytest.mark.parametrize("when", FAR_DATES)
def test_a_log_entry_at_the_ends_of_the_calendar_is_refused_even_when_forced(
    store_path: Path, repos: Repositories, incident: IncidentRecord,
    capsys: pytest.CaptureFixture[str], when: str
) -> None:
    repos.operators.add("张三", unit="旗档案馆", role="archivist")
    repos.store.close()
    line = refused(capsys, store_path, "log", "add", "--store", str(store_path), "--incident",
                   incident.id, "--text", "到达现场", "--occurred-at", when, "--force",
                   status=2)
    assert "outside the years FieldArchive takes" in line


def test_the_repositories_refuse_such_dates_from_the_window_too(
    repos: Repositories, incident: IncidentRecord
) -> None:
    repos.operators.add("张三", unit="旗档案馆", role="archivist")
    year_one = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))
    with pytest.raises(InvalidInput, match="outside the years"):
        repos.log.add(incident.id, "到达现场", occurred_at=year_one, force=True)
    with pytest.raises(InvalidInput, match="outside the years"):
        repos.incidents.create("山洪", "natural", "IV", year_one, "Z109")
    with pytest.raises(InvalidInput, match="outside the years"):
        repos.incidents.end_response(incident.id, datetime(9999, 12, 31, 23, 59,
                                                           tzinfo=timezone(timedelta(hours=-12))))


# -- work-log entry size --------------------------------------------------------------------


def test_an_entry_longer_than_the_limit_is_refused_with_a_sentence(
    repos: Repositories, incident: IncidentRecord
) -> None:
    repos.operators.add("张三", unit="旗档案馆", role="archivist")
    at_limit = repos.log.add(incident.id, "震" * MAX_ENTRY_CHARS)
    assert len(at_limit.content) == MAX_ENTRY_CHARS
    with pytest.raises(InvalidInput, match=f"at most {MAX_ENTRY_CHARS} characters"):
        repos.log.add(incident.id, "震" * (MAX_ENTRY_CHARS + 1))
    with pytest.raises(InvalidInput, match="Split it into several entries"):
        repos.log.correct(at_limit.id, "x" * (3 * MAX_ENTRY_CHARS), "补充")


def test_long_text_comes_from_a_file_or_standard_input(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    repos.operators.add("张三", unit="旗档案馆", role="archivist")
    repos.store.close()
    # 180 KB of UTF-8: more than one command-line argument may hold (128 KB on Linux).
    text = ("搜救一队进入震中村，开始排查倒塌房屋。\n" * 3000)[:60_000]
    source = tmp_path / "entry.txt"
    source.write_text(text, encoding="utf-8")
    store = str(repos.store.root)
    done = run_cli("log", "add", "--store", store, "--incident", incident.id,
                   "--text-file", str(source), "--json")
    assert done.returncode == 0, done.stderr
    from_file = json.loads(done.stdout)["id"]
    done = run_cli("log", "add", "--store", store, "--incident", incident.id, "--text", "-",
                   "--json", stdin=text)
    assert done.returncode == 0, done.stderr
    from_stdin = json.loads(done.stdout)["id"]
    done = run_cli("log", "add", "--store", store, "--incident", incident.id, "--text", "-",
                   stdin="x" * (MAX_ENTRY_CHARS + 10))
    assert done.returncode == 1
    assert f"at most {MAX_ENTRY_CHARS} characters" in assert_one_clear_line(done.stderr)
    source.write_bytes(b"\xff\xfe not UTF-8")
    done = run_cli("log", "add", "--store", store, "--incident", incident.id,
                   "--text-file", str(source))
    assert done.returncode == 2
    assert "not UTF-8" in assert_one_clear_line(done.stderr)

    with Store.open(repos.store.root) as again:
        log = Repositories(again).log
        for entry_id in (from_file, from_stdin):
            assert log.get(entry_id).content == text.strip()


def test_the_pdf_wraps_a_long_paragraph_a_piece_at_a_time_with_the_same_lines(
    repos: Repositories, incident: IncidentRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    repos.operators.add("张三", unit="旗档案馆", role="archivist")
    cjk = ("搜救一队进入震中村，开始排查倒塌房屋。" * 800)[:12_000]
    latin = " ".join(f"house{n} was searched and photographed" for n in range(600))
    given: list[int] = []
    real = LogPDF.multi_cell

    def measured(self: LogPDF, *args: Any, **kwargs: Any) -> Any:
        given.append(len(args[2] if len(args) > 2 else kwargs.get("text", "")))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(LogPDF, "multi_cell", measured)
    pdf = render_log_pdf(repos.log.entries_for_rendition(incident.id))
    try:
        pdf.set_font("cjk", size=8.0)
        width = 60.0
        for text in (cjk, latin):
            given.clear()
            lines = [line for line, _ in pdf.wrap(text, width)]
            # fpdf2's line breaking costs more per character the longer its text: it never
            # gets more than a piece (plus the unfinished line carried over) at once.
            assert max(given) <= WRAP_PIECE + 200
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")
            assert all(pdf.get_string_width(line.rstrip()) <= width - 2 for line in lines)
            assert sum(1 for line in lines if pdf.get_string_width(line) < width / 2) <= 1
    finally:
        close_fonts(pdf)  # never output: its font files would close at a random GC


# -- names and output -----------------------------------------------------------------------


def test_file_names_cannot_forge_lines_or_colours_in_the_import_output(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    card = tmp_path / "card"
    card.mkdir()
    names = ["\x1b[31mred.jpg", "ok\rFAILED forged.jpg", "two\nimported   fake.jpg",
             os.fsdecode(b"old \xff\xfe card.jpg")]
    for n, name in enumerate(names):
        (card / name).write_bytes(GOOD.read_bytes() + bytes([n]))
    done = run_cli("import", "--store", str(repos.store.root), "--incident", incident.id,
                   str(card))
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\r" not in done.stdout
    lines = done.stdout.splitlines()
    assert sum(line.startswith("imported") for line in lines) == 4
    assert not any(line.startswith("FAILED") for line in lines)
    for shown in ("\\x1b[31mred.jpg", "ok\\x0dFAILED forged.jpg",
                  "two\\x0aimported   fake.jpg", "old \\xff\\xfe card.jpg"):
        assert any(shown in line for line in lines), (shown, lines)

    done = run_cli("import", "--store", str(repos.store.root), "--incident", incident.id,
                   str(card), "--json")
    raw = next(i for i in json.loads(done.stdout)["duplicates"] if "old" in i["path"])
    item = repos.items.get(raw["id"])  # the name's own bytes are kept beside its U+FFFD form
    assert item.technical["original_name_bytes"] == b"old \xff\xfe card.jpg".hex()


@pytest.mark.parametrize("name", ["张\n三", "张\r三", "\x1b[31m张三", "张\u202e三"])
def test_a_name_with_control_characters_is_refused_with_a_sentence(
    store_path: Path, store: Store, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    store.close()
    line = refused(capsys, store_path, "operator", "add", "--store", str(store_path),
                   "--name", name, "--unit", "旗档案馆", "--role", "archivist")
    assert "holds a control character" in line
    assert "\x1b" not in line


def test_control_characters_in_log_text_are_refused_never_dropped(
    repos: Repositories, incident: IncidentRecord
) -> None:
    repos.operators.add("张三", unit="旗档案馆", role="archivist")
    kept = repos.log.add(incident.id, "第一行\n\t第二行\r\n第三行")
    assert kept.content == "第一行\n\t第二行\n第三行"
    for text in ("到达\x1b[31m现场", "到达\x00现场", "到达\u202e现场"):
        with pytest.raises(InvalidInput, match="control character"):
            repos.log.add(incident.id, text)
    with pytest.raises(InvalidInput, match="control character"):
        repos.log.add(incident.id, "到达现场", place="震中\x07村")

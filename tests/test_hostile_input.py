"""What a probe with hostile input found outside the importer, each kept from coming back:
dates at the ends of the calendar, enormous work-log entries, control characters in names
and log text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.store.errors import InvalidInput
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_cli_bad_input import CREATE, refused

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

"""The library's read queries: keyset pages in every sort, filters, counts, detail, thumbs."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.store.errors import InvalidInput
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.library import LibraryFilter, LibrarySort
from tests.library_support import add_photos, import_samples


def all_pages(repos: Repositories, incident_id: str, sort: LibrarySort,
              filters: LibraryFilter | None = None, limit: int = 7) -> list[str]:
    shown: list[str] = []
    after = None
    while True:
        page = repos.library.page(incident_id, filters, sort, after, limit)
        shown += [r.id for r in page]
        if len(page) < limit:
            return shown
        after = page[-1].cursor


@pytest.mark.parametrize("key", ["date", "created", "title", "code", "kind", "state"])
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_cover_every_item_once_in_order(
        repos: Repositories, incident: IncidentRecord, key: str, descending: bool) -> None:
    ids = add_photos(repos, incident.id, 30)
    import_samples(repos, incident.id)
    sort = LibrarySort(key, descending)
    paged = all_pages(repos, incident.id, sort)
    whole = [r.id for r in repos.library.page(incident.id, None, sort, None, 1000)]
    assert paged == whole
    assert len(paged) == len(set(paged)) == repos.library.count(incident.id).total
    assert set(ids) <= set(paged)
    if key == "date":  # the generated photos are a minute apart: their order is known
        mine = [i for i in paged if i in set(ids)]
        assert mine == (ids[::-1] if descending else ids)


def test_filters_and_counts(repos: Repositories, incident: IncidentRecord) -> None:
    add_photos(repos, incident.id, 5, phase="response", creator="张伟")
    add_photos(repos, incident.id, 3, start=datetime.fromisoformat("2025-08-02T09:00:00+08:00"),
               phase="recovery")
    report = import_samples(repos, incident.id)
    counts = repos.library.count(incident.id)
    assert counts.total == 8 + len(report.imported)
    assert counts.by_state == {"captured": counts.total}
    f = LibraryFilter(phase="response")
    assert repos.library.count(incident.id, f).matching == 5
    assert len(repos.library.page(incident.id, f)) == 5
    assert repos.library.count(incident.id, LibraryFilter(creator="张伟")).matching == 5
    assert "张伟" in repos.library.creators(incident.id)
    august = LibraryFilter(date_from=datetime.fromisoformat("2025-08-01T00:00:00+08:00"),
                           date_to=datetime.fromisoformat("2025-09-01T00:00:00+08:00"))
    assert repos.library.count(incident.id, august).matching == 3
    assert repos.library.count(incident.id, LibraryFilter(completeness="complete")).matching == 0
    assert repos.library.count(incident.id, LibraryFilter(kind="audio")).matching == 0
    with pytest.raises(InvalidInput):
        repos.library.page(incident.id, LibraryFilter(kind="painting"))


def test_rows_detail_and_thumbnail_of_an_imported_photo(
        repos: Repositories, incident: IncidentRecord) -> None:
    report = import_samples(repos, incident.id)
    canon = next(i for i in report.imported if i.path.name == "Canon_40D.jpg")
    row = next(r for r in repos.library.page(incident.id, limit=100) if r.id == canon.item_id)
    assert row.original_name == "Canon_40D.jpg" and row.kind == "photo"
    assert row.has_thumbnail and row.size > 0
    assert row.date is not None and row.date.year == 2008
    detail = repos.library.detail(canon.item_id)
    assert detail.item.file("original") is not None
    assert detail.batch is not None and detail.batch.source_channel == "self"
    assert detail.revision == 1
    thumb = repos.library.thumbnail(canon.item_id)
    assert thumb is not None and thumb[:2] == b"\xff\xd8"


def test_rows_say_what_the_description_lacks(repos: Repositories,
                                              incident: IncidentRecord) -> None:
    add_photos(repos, incident.id, 1, title="群众转移", creator="张伟", retention="Y",
               classification="internal", description="群众转移到安置点。")
    add_photos(repos, incident.id, 1, start=datetime.fromisoformat("2025-08-01T10:00:00+08:00"),
               creator="张伟")
    complete, bare = repos.library.page(incident.id)
    assert complete.missing == ()
    assert bare.missing == ("title", "retention", "description")
    detail = repos.library.detail(bare.id)
    assert detail.missing == bare.missing and "category" in detail.missing_for_filing
    assert not detail.excluded and detail.caption == {}

"""`fieldarchive search QUERY`: items and work-log entries, best first."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import EXIT_OK, Output, UsageError, add_store_arg, open_store_for_reading
from app.domain import codes
from app.store.repositories import Repositories
from app.store.repositories.search import MAX_LIMIT, SearchHit


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "search", parents=[common],
        help="find items and work-log entries (Chinese, Latin, numbers, Mongolian)",
        description="Words of any length (水, 救援, G6高速, K123+500), \"an exact phrase\", "
                    "field:value for one field (title 题名, description 说明, people 人物, "
                    "place 地点, keywords 关键词, file 文件名, code 档号, content 内容) and "
                    "phase:/kind: filters (phase:应急处置与救援, kind:photo, kind:log).")
    add_store_arg(cmd)
    cmd.add_argument("--incident", metavar="ID", help="only this incident (id or number)")
    cmd.add_argument("--limit", type=int, default=50, metavar="N",
                     help=f"at most N results (default 50, at most {MAX_LIMIT})")
    cmd.add_argument("query", nargs="+", metavar="QUERY")
    cmd.set_defaults(handler=_search)


def hit_dict(hit: SearchHit) -> dict[str, Any]:
    return {
        "kind": hit.kind, "id": hit.id, "incident_id": hit.incident_id, "title": hit.title,
        "snippet": hit.snippet, "score": round(hit.score, 4), "subkind": hit.subkind,
        "when": hit.when.isoformat() if hit.when else None,
        "archival_code": hit.archival_code, "seq": hit.seq,
    }


def _label(hit: SearchHit) -> str:
    if hit.kind == "log":
        return f"日志 #{hit.seq}"
    try:
        return codes.ITEM_KIND.label(hit.subkind)
    except KeyError:
        return hit.subkind


def _search(args: argparse.Namespace, out: Output) -> int:
    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"search: --limit must be between 1 and {MAX_LIMIT}")
    query = " ".join(args.query)
    with open_store_for_reading(args) as store:
        hits = Repositories(store).search.search(query, args.incident, limit=args.limit)
    out.result({"query": query, "count": len(hits), "hits": [hit_dict(h) for h in hits]})
    for n, hit in enumerate(hits, 1):
        when = hit.when.isoformat(timespec="minutes").replace("T", " ") if hit.when else ""
        code = f"  {hit.archival_code}" if hit.archival_code else ""
        out.line(f"{n:>3}. [{_label(hit)}] {hit.title}{code}  {when}  id {hit.id[:8]}")
        if hit.snippet and hit.snippet != hit.title:
            out.line(f"     {hit.snippet}")
    if not hits:
        out.line(f"没有找到 Nothing found: {query}")
    return EXIT_OK

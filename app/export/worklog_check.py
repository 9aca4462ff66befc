"""The work log in a package, checked from its XML alone (no store): the two hash chains
link up from the start to the heads the rendition states, and every current entry (one
nobody corrected) is reviewed and approved.

Here the links must join: each prev_hash is the hash before it, numbered without gaps,
ending at the stated head. Recomputing each link's own hash from its content needs the
canonical content rules of ``app.export.log_xml.verify_log_xml``, which lives beside the
store's chain code; verify does not import it (it needs nothing from the store), so that
part is not checked here.
"""

from __future__ import annotations

from lxml import etree

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.report import Result, fail, ok

NS = "urn:fieldarchive:worklog:1"
GENESIS = "0" * 64


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def check_worklog(root: etree._Element, subject: str) -> list[Result]:
    chain = root.find(_q("chain"))
    if chain is None:
        return [fail("worklog-reviewed", subject, QT_TRANSLATE_NOOP(
            "Errors", "{path} has no chain element"), path=subject)]
    out: list[Result] = []
    complete = chain.get("complete") == "true"
    for section, tag, hash_tag, head_attr in (("entries", "entry", "entry_hash", "entry_head"),
                                              ("reviews", "review", "review_hash",
                                               "review_head")):
        holder = root.find(_q(section))
        links = list(holder.iterfind(_q(tag))) if holder is not None else []
        running, seq = GENESIS, 0
        broken = None
        for el in links:
            n = int(el.findtext(_q("seq")) or "0")
            if complete and (n != seq + 1 or el.findtext(_q("prev_hash")) != running):
                broken = n
                break
            seq, running = n, el.findtext(_q(hash_tag)) or ""
        if broken is not None:
            out.append(fail("audit-chain", f"{subject} {tag} #{broken}", QT_TRANSLATE_NOOP(
                "Errors", "the work log's {noun} chain breaks at #{seq}"), noun=tag,
                seq=broken))
        elif complete and chain.get(head_attr) != running:
            out.append(fail("audit-chain", f"{subject} {tag}", QT_TRANSLATE_NOOP(
                "Errors", "the work log's {noun} chain does not end at its stated head "
                "(links were removed from the end)"), noun=tag))
        else:
            out.append(ok("audit-chain", f"{subject} {tag}"))
    entries = root.find(_q("entries"))
    current = [e for e in (entries.iterfind(_q("entry")) if entries is not None else [])
               if not e.get("superseded_by")]
    unreviewed = [e.findtext(_q("seq")) or "?" for e in current
                  if e.get("review_status") != "approved"]
    if unreviewed:
        out.append(fail("worklog-reviewed", subject, QT_TRANSLATE_NOOP(
            "Errors", "{count} work-log entries are not reviewed"), count=len(unreviewed)))
    else:
        out.append(ok("worklog-reviewed", subject))
    return out

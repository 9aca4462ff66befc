"""XML in a package as verify reads it: parsed safely (no entities, no network), checked
against our shipped schemas, and read element by element. Plain lxml; no store."""

from __future__ import annotations

import threading
from typing import Protocol

from lxml import etree

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.report import Result, fail, ok
from app.resources import resource_path

ITEM_NS = "urn:fieldarchive:item:1"
CAT_NS = "urn:fieldarchive:catalogue:1"
FORM_NS = "urn:fieldarchive:registration:1"
PKG_NS = "urn:fieldarchive:package:1"

# One parser per thread for every document (building one per file costs more than parsing
# a small file; an lxml parser must not be shared between threads).
_local = threading.local()


def _parser() -> etree.XMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(resolve_entities=False, no_network=True,
                                                 huge_tree=False)
    return parser


class Readable(Protocol):
    """A package's files by path: a ``PackageReader``, or verify's ``Bag`` (which hands
    over what its digest pass kept)."""

    def read(self, rel: str) -> bytes: ...


def parse_xml(source: Readable, rel: str, results: list[Result]) -> etree._Element | None:
    """The document's root, or None with an xml-valid failure naming the file."""
    try:
        return etree.fromstring(source.read(rel), _parser())
    except (etree.XMLSyntaxError, OSError, KeyError, FileNotFoundError) as err:
        results.append(fail("xml-valid", rel, QT_TRANSLATE_NOOP(
            "Errors", "{path} is not well-formed XML ({reason})"), path=rel,
            reason=str(err)[:200]))
        return None


_SCHEMAS: dict[str, etree.XMLSchema] = {}


def schema(name: str) -> etree.XMLSchema:
    if name not in _SCHEMAS:
        _SCHEMAS[name] = etree.XMLSchema(etree.parse(str(resource_path("schemas", name))))
    return _SCHEMAS[name]


def valid(root: etree._Element, schema_name: str, rel: str, results: list[Result]) -> bool:
    s = schema(schema_name)
    if not s.validate(root):
        err = s.error_log.last_error
        results.append(fail("xml-valid", rel, QT_TRANSLATE_NOOP(
            "Errors", "{path} is not valid against {schema} (line {line}: {reason})"),
            path=rel, schema=schema_name, line=err.line if err else 0,
            reason=err.message if err else ""))
        return False
    results.append(ok("xml-valid", rel))
    return True


def text(el: etree._Element, ns: str, tag: str) -> str:
    found = el.find(f"{{{ns}}}{tag}")
    return (found.text or "") if found is not None else ""


def texts(el: etree._Element, ns: str) -> dict[str, str]:
    """Each child element's text by local name, the first of a name as ``text`` finds it:
    one pass over the children for an element whose fields are read many times."""
    out: dict[str, str] = {}
    prefix = f"{{{ns}}}"
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag.startswith(prefix):
            out.setdefault(tag[len(prefix):], child.text or "")
    return out

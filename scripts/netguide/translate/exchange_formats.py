"""XLIFF 2 and PO files of translation units, written and read with translate-toolkit.

One file holds one article in one target language. Besides the units it
names the article, the target language, the version it was translated from
and that version's hash (the stamp an import writes): in XLIFF 2 as the
``<file>``'s id and notes, in PO as header fields (``X-Netguide-*``). The
unit id is XLIFF's ``<unit id>`` and PO's ``msgctxt``.

Reading is bounded and safe: at most :data:`MAX_BYTES`, and XML is first
parsed by defusedxml, which refuses a DTD, entity declarations and external
references before translate-toolkit (lxml) sees the file. In XLIFF, a body
text's Markdown markup is written as inline codes (``inline_codes``); PO has
no such thing, so there it is text, flagged ``md-text`` (Weblate's Markdown
checks), and import checks it.
"""

from __future__ import annotations

from dataclasses import dataclass

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException
from translate.storage import pypo, xliff2

from . import inline_codes
from .units import Unit

MAX_BYTES = 4 * 1024 * 1024
FORMATS = {"xliff": ".xlf", "po": ".po"}
_NOTE = "netguide"  # category of our file-level notes in XLIFF 2


class ExchangeError(ValueError):
    """A file that cannot be read as an export; the message says why."""


@dataclass(frozen=True)
class Exchange:
    article: str
    language: str  # the target language
    source_language: str
    source_hash: str
    units: list[Unit]


def format_of(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".po"):
        return "po"
    if lowered.endswith((".xlf", ".xliff")):
        return "xliff"
    raise ExchangeError("not an export: the file name must end in .xlf, .xliff or .po")


# -- writing ---------------------------------------------------------------------


def write(exchange: Exchange, fmt: str, location: str) -> bytes:
    """The file of `exchange` in `fmt` ("xliff" or "po"); `location` is the YAML file the units go to."""
    return _write_xliff(exchange, location) if fmt == "xliff" else _write_po(exchange, location)


def _write_po(exchange: Exchange, location: str) -> bytes:
    store = pypo.pofile()
    store.updateheader(
        add=True,
        Language=exchange.language,
        Content_Type="text/plain; charset=UTF-8",
        X_Netguide_Article=exchange.article,
        X_Netguide_Source_Language=exchange.source_language,
        X_Netguide_Source_Hash=exchange.source_hash,
    )
    for unit in exchange.units:
        entry = store.addsourceunit(unit.source)
        entry.setcontext(unit.id)
        entry.target = unit.target or ""
        if unit.review and unit.target:
            entry.markfuzzy(True)
        entry.addnote(unit.note, origin="developer")
        entry.addlocation(location)
        if ".body." in unit.id:
            entry.settypecomment("md-text")
    return bytes(store)


def _write_xliff(exchange: Exchange, location: str) -> bytes:
    store = xliff2.Xliff2File(sourcelanguage=exchange.source_language)
    store.settargetlanguage(exchange.language)
    store.body.set("id", exchange.article)
    store.body.set("original", location)
    for unit in exchange.units:
        entry = store.addsourceunit(unit.source)
        entry.setid(unit.id)
        if unit.target is not None:
            entry.target = unit.target
            entry.xmlelement.set("state", "initial" if unit.review else "translated")
        _unit_note(store, entry, unit.note)
        if ".body." in unit.id:  # Markdown: its markup as inline codes
            inline_codes.write_unit(entry.getunitelement(), store.namespace, unit.source, unit.target)
    notes = store.body.makeelement(store.namespaced("notes"))
    note = notes.makeelement(store.namespaced("note"))
    note.set("category", _NOTE)
    note.set("id", "source-hash")
    note.text = exchange.source_hash
    notes.append(note)
    store.body.insert(0, notes)
    return bytes(store)


def _unit_note(store, entry, text: str) -> None:
    """XLIFF 2 puts a unit's notes in the <unit>, before its segment (translate-toolkit puts them in the segment)."""
    unit = entry.getunitelement()
    notes = unit.makeelement(store.namespaced("notes"))
    note = notes.makeelement(store.namespaced("note"))
    note.set("category", "location")
    note.text = text
    notes.append(note)
    unit.insert(0, notes)


# -- reading ---------------------------------------------------------------------


def read(data: bytes, fmt: str) -> Exchange:
    """The export in `data`; ExchangeError when it is too large, malformed or hostile, or lacks what an export has."""
    if len(data) > MAX_BYTES:
        raise ExchangeError(f"the file is larger than {MAX_BYTES // 1024 // 1024} MiB: an export of one article is not")
    if fmt == "xliff":
        return _read_xliff(data)
    return _read_po(data)


def _read_po(data: bytes) -> Exchange:
    try:
        data.decode("utf-8")
        store = pypo.pofile.parsestring(data)
    except (UnicodeDecodeError, ValueError, TypeError) as error:
        raise ExchangeError(f"not a readable PO file: {error}") from None
    header = store.parseheader()
    fields = {name: str(header.get(key) or "") for name, key in _PO_HEADER.items()}
    units = []
    for entry in store.units:
        if entry.isheader() or entry.isobsolete():
            continue
        target = str(entry.target or "") or None
        units.append(Unit(entry.getcontext() or "", str(entry.source), target, "", bool(target and entry.isfuzzy())))
    return _exchange(fields, units)


_PO_HEADER = {
    "article": "X-Netguide-Article",
    "language": "Language",
    "source_language": "X-Netguide-Source-Language",
    "source_hash": "X-Netguide-Source-Hash",
}


def _read_xliff(data: bytes) -> Exchange:
    try:
        safe_xml.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ExchangeError(
            f"the XML declares a DTD or entities ({type(error).__name__}): an export has none"
        ) from None
    except safe_xml.ParseError as error:
        raise ExchangeError(f"malformed XML: {error}") from None
    try:
        store = xliff2.Xliff2File.parsestring(data)
    except (ValueError, AssertionError, SyntaxError) as error:
        raise ExchangeError(f"not an XLIFF 2 file: {error or type(error).__name__}") from None
    files = list(store.document.getroot().iterchildren(store.namespaced("file")))
    if len(files) != 1:
        raise ExchangeError(f"an export holds one <file>, this one {len(files)}")
    source_hash = ""
    for note in files[0].iter(store.namespaced("note")):
        if note.get("category") == _NOTE and note.get("id") == "source-hash":
            source_hash = (note.text or "").strip()
    fields = {
        "article": files[0].get("id") or "",
        "language": store.gettargetlanguage() or "",
        "source_language": store.document.getroot().get("srcLang") or "",
        "source_hash": source_hash,
    }
    units = []
    for entry in store.units:
        unit_id = entry.getid() or ""
        data = inline_codes.unit_data(entry.getunitelement(), store.namespace)
        source = entry.xmlelement.find(store.namespaced("source"))
        target = entry.xmlelement.find(store.namespaced("target"))
        try:
            texts = [
                None if e is None else inline_codes.read_text(e, store.namespace, data, unit_id)
                for e in (source, target)
            ]
        except inline_codes.InlineCodeError as error:
            raise ExchangeError(str(error)) from None
        review = bool(texts[1]) and entry.xmlelement.get("state") == "initial"
        units.append(Unit(unit_id, texts[0] or "", texts[1] or None, "", review))
    return _exchange(fields, units)


def _exchange(fields: dict[str, str], units: list[Unit]) -> Exchange:
    missing = [name.replace("_", " ") for name, value in fields.items() if not value]
    if missing:
        raise ExchangeError(f"the file does not name its {', '.join(missing)}: use a file `netguide export` wrote")
    return Exchange(fields["article"], fields["language"], fields["source_language"], fields["source_hash"], units)

"""Markdown markup inside a body text as XLIFF 2 inline codes, which CAT tools show as tags a translator cannot edit.

Each piece of markup — a code span, a link's ``[`` and its ``](target)``,
an image's ``![``, emphasis stars and underscores, an attribute list — is a
``<ph>`` whose ``dataRef`` names a ``<data>`` of the unit's
``<originalData>`` holding the exact characters. The translator moves or
drops the tags; the characters inside them come back as they were. A
piece the target has at the same place in order as the source gets the same
``<ph id>`` (XLIFF 2 pairs source and target codes by id).

Recognising a stray ``*`` as markup is harmless: it comes back unchanged.
"""

from __future__ import annotations

import re

from lxml import etree

MARKUP = re.compile(
    r"(`+).+?\1"  # a code span
    r"|\]\([^)\n]*\)"  # a link's or image's end: ](target "title")
    r"|!?\["  # a link's or image's start
    r"|\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])"  # emphasis
    r"|\{:?[ \t]*[#.][^{}\n]*\}",  # an attribute list
    re.DOTALL,
)


class InlineCodeError(ValueError):
    pass


def pieces(text: str) -> list[tuple[bool, str]]:
    """`text` as (is markup, characters) runs, in order."""
    runs: list[tuple[bool, str]] = []
    at = 0
    for match in MARKUP.finditer(text):
        if match.start() > at:
            runs.append((False, text[at : match.start()]))
        runs.append((True, match.group()))
        at = match.end()
    if at < len(text):
        runs.append((False, text[at:]))
    return runs


def write_unit(unit, ns: str, source: str, target: str | None) -> None:
    """Fill the <unit>'s segment with `source` and `target` as text and <ph> codes, and its <originalData>."""
    data: dict[str, str] = {}  # characters -> data id
    segment = unit.find(f"{{{ns}}}segment")
    used: dict[str, list[str]] = {}  # characters -> ph ids of the source, in order
    source_element = segment.find(f"{{{ns}}}source")
    _fill(source_element, ns, pieces(source), data, used, None)
    target_element = segment.find(f"{{{ns}}}target")
    if target is not None:
        if target_element is None:
            target_element = etree.SubElement(segment, f"{{{ns}}}target")
        _fill(target_element, ns, pieces(target), data, used, {key: list(ids) for key, ids in used.items()})
    if data:
        original = etree.Element(f"{{{ns}}}originalData")
        for characters, ref in data.items():
            item = etree.SubElement(original, f"{{{ns}}}data")
            item.set("id", ref)
            item.text = characters
        notes = unit.find(f"{{{ns}}}notes")
        unit.insert(1 if notes is not None else 0, original)


def _fill(element, ns, runs, data, used, pairs) -> None:
    for child in list(element):
        element.remove(child)
    element.text = ""
    last = None
    count = sum(len(ids) for ids in used.values())
    for markup, characters in runs:
        if not markup:
            if last is None:
                element.text += characters
            else:
                last.tail = (last.tail or "") + characters
            continue
        ref = data.setdefault(characters, f"d{len(data) + 1}")
        if pairs is not None and pairs.get(characters):
            code = pairs[characters].pop(0)
        else:
            count += 1
            code = str(count)
            if pairs is None:
                used.setdefault(characters, []).append(code)
        last = etree.SubElement(element, f"{{{ns}}}ph")
        last.set("id", code)
        last.set("dataRef", ref)
        last.set("disp", characters if len(characters) <= 40 else characters[:39] + "…")


def read_text(element, ns: str, data: dict[str, str], unit_id: str) -> str:
    """The text of a <source> or <target>, each <ph> replaced by its data; <mrk> (a CAT tool's mark) read through."""
    text = element.text or ""
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction: not text
            text += child.tail or ""
            continue
        name = etree.QName(child).localname
        if name == "ph":
            ref = child.get("dataRef")
            if ref not in data:
                raise InlineCodeError(
                    f"unit {unit_id}: inline code {child.get('id')} names no data ({ref!r}); "
                    "restore the tags as the export had them"
                )
            text += data[ref]
        elif name == "mrk":
            text += read_text(child, ns, data, unit_id)
        else:
            raise InlineCodeError(f"unit {unit_id}: an inline <{name}> the export did not have; remove it")
        text += child.tail or ""
    return text


def unit_data(unit, ns: str) -> dict[str, str]:
    original = unit.find(f"{{{ns}}}originalData")
    if original is None:
        return {}
    return {item.get("id"): item.text or "" for item in original.iterchildren(f"{{{ns}}}data")}

"""An article version as translation units, and back: what `netguide export` and `import` exchange.

A unit is one text a translator translates: the title, the summary, each
myth and fact, each checklist item, and each heading, paragraph and list
item of the body. Its id is stable across exports: the article id, the
field, and the item id from article.yml (``peer-networking.myths.only-up.fact``).
A body block with a ``{ #id }`` of its own is ``ARTICLE.body.ID``; a block
without one is numbered after the last block that has one
(``ARTICLE.body.ID.2``, ``ARTICLE.body.start.1`` before the first id), so
an edit in one section renumbers no other.

The body's structure — heading markers (``## ``), list markers, block
quotes, blank lines, code blocks, the ``{ #id }`` and ``{ .class }`` lists
that end a block — is not in any unit: it is kept from the version the
units fill in, so a translator cannot break it, and a body filled with its
own texts is the same body byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.markdown import parse

# An attribute list closing a block: `{ #an-id }`, `{: .class }` (what markdown_check allows).
_TRAILING_ATTRIBUTES = re.compile(r"[ \t\n]*\{:?[ \t]*[#.][^{}\n]*\}[ \t]*$")
_ID_IN_ATTRIBUTES = re.compile(r"#([A-Za-z0-9_-]+)")
_BLOCKS = ("paragraph_open", "heading_open")


@dataclass(frozen=True)
class Unit:
    id: str
    source: str
    target: str | None  # the current translation, None where there is none
    note: str  # where the text appears, for the translator
    review: bool = False  # the translation needs review: its source text changed since it was stamped


@dataclass(frozen=True)
class Block:
    """One translatable block of a Markdown body: its text is body[start:end]."""

    kind: str  # heading, paragraph, list item
    start: int
    end: int
    anchor: str | None  # its own { #id }, if any


def body_blocks(body: str) -> list[Block]:
    """The headings, paragraphs and list items of `body`, in order, each as the span of its text alone."""
    lines = body.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    tokens = parse(body)
    blocks: list[Block] = []
    for index, token in enumerate(tokens):
        if token.type not in _BLOCKS or not token.map or index + 1 >= len(tokens):
            continue
        inline = tokens[index + 1]
        first = inline.content.split("\n", 1)[0]
        begin, stop = token.map
        at = lines[begin].find(first) if first else -1
        if at < 0:
            continue
        start = offsets[begin] + at
        end = min(offsets[stop] - 1, len(body))
        span = body[start:end]
        trailing = _TRAILING_ATTRIBUTES.search(span)
        anchor = None
        if trailing is not None:
            named = _ID_IN_ATTRIBUTES.search(trailing.group())
            anchor = named.group(1) if named else None
            end = start + trailing.start()
        if token.type == "heading_open":
            span = body[start:end]
            closing = re.search(r"[ \t]+#+[ \t]*$", span)  # an ATX heading's closing hashes
            if closing is not None:
                end = start + closing.start()
        if end <= start:
            continue
        kind = "heading" if token.type == "heading_open" else "paragraph"
        if token.type == "paragraph_open" and index > 0 and tokens[index - 1].type == "list_item_open":
            kind = "list item"
        blocks.append(Block(kind, start, end, anchor))
    return blocks


def block_ids(article_id: str, blocks: list[Block]) -> list[str]:
    """The stable id of each block: its own anchor, or its number after the last anchor."""
    ids: list[str] = []
    section, count = "start", 0
    for block in blocks:
        if block.anchor:
            section, count = block.anchor, 0
            ids.append(f"{article_id}.body.{block.anchor}")
        else:
            count += 1
            ids.append(f"{article_id}.body.{section}.{count}")
    return ids


def fill_body(body: str, texts: list[str]) -> str:
    """`body` with the text of each block replaced by `texts` (as many as body_blocks finds)."""
    blocks = body_blocks(body)
    if len(blocks) != len(texts):
        raise ValueError(f"{len(texts)} texts for {len(blocks)} blocks")
    pieces, at = [], 0
    for block, text in zip(blocks, texts, strict=True):
        pieces += [body[at : block.start], text]
        at = block.end
    pieces.append(body[at:])
    return "".join(pieces)


def same_structure(source: str, target: str) -> bool:
    """Whether two bodies have the same blocks, of the same kinds, with the same anchors (so units pair up)."""
    one, other = body_blocks(source), body_blocks(target)
    return [(b.kind, b.anchor) for b in one] == [(b.kind, b.anchor) for b in other]


def _plain_units(article_id: str, source: dict, target: dict | None, ids: dict[str, list[str]]) -> list[Unit]:
    target = target or {}
    units = [
        Unit(f"{article_id}.title", str(source["title"]), _text(target.get("title")), "the article's title"),
        Unit(
            f"{article_id}.summary",
            str(source["summary"]),
            _text(target.get("summary")),
            "the summary under the title, also the page description",
        ),
    ]
    myths, their = source.get("myths") or {}, target.get("myths") or {}
    for myth in ids.get("myths", []):
        for part, what in (("myth", "a myth, as people say it"), ("fact", "what is true instead of the myth")):
            mine = their.get(myth) if isinstance(their.get(myth), dict) else {}
            units.append(
                Unit(
                    f"{article_id}.myths.{myth}.{part}",
                    str(myths[myth][part]),
                    _text(mine.get(part)),
                    f"myths and facts page and the article: {what} (myth '{myth}')",
                )
            )
    checklist, ticked = source.get("checklist") or {}, target.get("checklist") or {}
    for item in ids.get("checklist", []):
        units.append(
            Unit(
                f"{article_id}.checklist.{item}",
                str(checklist[item]),
                _text(ticked.get(item)),
                f"checklist page and PDF: a short action (item '{item}')",
            )
        )
    return units


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def article_units(article_id: str, source: dict, target: dict | None, ids: dict[str, list[str]]) -> list[Unit]:
    """Every unit of an article version: `source` is the version translated from, `target` the translation (or None).

    `ids` are article.yml's id lists ({"myths": [...], "checklist": [...]}). The
    body's units have the translation's texts only when its blocks pair up with
    the source's (same_structure); otherwise the body is to be translated anew.
    """
    units = _plain_units(article_id, source, target, ids)
    body = str(source["body"])
    blocks = body_blocks(body)
    theirs: list[str | None] = [None] * len(blocks)
    if target and isinstance(target.get("body"), str) and same_structure(body, target["body"]):
        theirs = [target["body"][b.start : b.end] for b in body_blocks(target["body"])]
    for block, unit_id, text in zip(blocks, block_ids(article_id, blocks), theirs, strict=True):
        where = f"the article's body: a {block.kind}" + (f" {{ #{block.anchor} }}" if block.anchor else "")
        units.append(Unit(unit_id, body[block.start : block.end], text, where + "; keep its Markdown markup"))
    return units


def apply_units(
    article_id: str, source: dict, target: dict | None, ids: dict[str, list[str]], texts: dict[str, str]
) -> dict[str, object]:
    """The translated fields filled in from `texts` ({unit id: translation}, one for every unit).

    Gives title, summary, myths, checklist and body; the body keeps the
    structure of the current translation when it pairs up with the source's,
    else the source's.
    """
    fields: dict[str, object] = {
        "title": texts[f"{article_id}.title"],
        "summary": texts[f"{article_id}.summary"],
        "myths": {
            myth: {part: texts[f"{article_id}.myths.{myth}.{part}"] for part in ("myth", "fact")}
            for myth in ids.get("myths", [])
        },
        "checklist": {item: texts[f"{article_id}.checklist.{item}"] for item in ids.get("checklist", [])},
    }
    body = str(source["body"])
    if target and isinstance(target.get("body"), str) and same_structure(body, target["body"]):
        body = target["body"]
    blocks = body_blocks(str(source["body"]))
    fields["body"] = fill_body(body, [texts[unit_id] for unit_id in block_ids(article_id, blocks)])
    return fields


GLOSSARY = "glossary"  # the exchange name of the glossary (no article can take it: see exchange.py)


def glossary_units(source: dict, target: dict | None) -> list[Unit]:
    """One unit per term and per definition of the glossary, in the source glossary's order."""
    theirs = (target or {}).get("terms") or {}
    units = []
    for term, entry in (source.get("terms") or {}).items():
        mine = theirs.get(term) if isinstance(theirs.get(term), dict) else {}
        for part, what in (("term", "a glossary term"), ("definition", "the definition of a glossary term")):
            units.append(
                Unit(
                    f"{GLOSSARY}.terms.{term}.{part}",
                    str(entry[part]),
                    _text(mine.get(part)),
                    f"the glossary page: {what} (term '{term}')",
                )
            )
    return units


def apply_glossary(source: dict, texts: dict[str, str]) -> dict[str, object]:
    return {
        "terms": {
            term: {part: texts[f"{GLOSSARY}.terms.{term}.{part}"] for part in ("term", "definition")}
            for term in source.get("terms") or {}
        }
    }

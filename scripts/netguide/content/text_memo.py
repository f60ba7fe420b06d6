"""What a parse of a text yields, remembered by the text's hash between builds.

Validating the guide parses every file and every article body several ways
(a file's YAML data and lines, its schema verdict and its stamp; a body's
Markdown safety verdict, its outline for the comparison with its source, the
ids its sections get on the page; that a translation compared clean with its
source). The answers depend on the text alone, so they are kept in a file in
the cache folder (:func:`recall` before a build, :func:`remember` after it;
a process that keeps running, as serve does, parses it again only when
another one changed it) and a build parses only the texts edited since. The file is forgotten whenever the code that
computes the answers, or the Markdown libraries, change (its version: :mod:`netguide.cache_keys`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import cache_keys
from ..files import write_atomically

_VERSION = cache_keys.version("text-facts")  # see cache_keys: this stage's code and parsing libraries
_known: dict[str, dict[str, Any]] = {}  # kind -> {text hash: JSON value}
_used: dict[str, set[str]] = {}
#: (file, the SHA-256 of its bytes, the `_known` they went into, {kind: the text hashes it holds} or None
#: if not known) when this process last read or wrote the memo file: while the first two are the same,
#: `_known` holds all the file does (serve parses it once); and as a hash's value never changes, a
#: remember that would write the same hashes writes nothing.
_in_memory: tuple[Path, bytes, dict, dict[str, frozenset[str]] | None] | None = None
#: text -> its hash, for the load under way: emptied by recall and remember, so that no build keeps another's texts.
_digests: dict[str, str] = {}


def remembered(
    kind: str, text: str, compute: Callable[[str], Any], encode: Callable[[Any], Any], decode: Callable[[Any], Any]
) -> Any:
    """``compute(text)``, or what it gave for the same text before (stored as ``encode(value)``)."""
    key = _key(kind, text)
    known = _known.setdefault(kind, {})
    if key in known:
        return decode(known[key])
    value = compute(text)
    known[key] = encode(value)
    return value


def _key(kind: str, text: str) -> str:
    key = _digest(text)
    _used.setdefault(kind, set()).add(key)
    return key


def _digest(text: str) -> str:
    """The hash of `text`, computed once per load (a text is looked up for several kinds of facts)."""
    key = _digests.get(text)
    if key is None:
        key = _digests[text] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return key


def known(kind: str, text: str) -> bool:
    """Whether the memo holds `kind` for `text` (kept for the next build, as if looked up)."""
    return _key(kind, text) in _known.get(kind, {})


def get(kind: str, text: str) -> Any:
    """What the memo holds (encoded) for `kind` of `text`, or None (kept for the next build if held)."""
    return _known.get(kind, {}).get(_key(kind, text))


def offer(kind: str, text: str, value: Any) -> None:
    """Tell the memo what `kind` is for `text` (learnt in passing, encoded already), unless it knows."""
    _known.setdefault(kind, {}).setdefault(_key(kind, text), value)


def holds(kind: str, text: str) -> bool:
    """Whether the memo holds `kind` for `text`, without keeping it for the next build (a look ahead)."""
    return _digest(text) in _known.get(kind, {})


def learnt() -> dict[str, dict[str, Any]]:
    """Everything the memo holds, {kind: {text hash: value}} (JSON): what a worker process hands back."""
    return {kind: dict(values) for kind, values in _known.items()}


def learn(known: dict[str, dict[str, Any]]) -> None:
    """Take `known` (as :func:`learnt` gives) where the memo has nothing; kept for the next build only if used."""
    for kind, values in known.items():
        mine = _known.setdefault(kind, {})
        for key, value in values.items():
            mine.setdefault(key, value)


def recall(file: Path) -> None:
    """Take what earlier builds learnt from `file` (if it is there and current).

    Not parsed again when this process already holds it: at 1000 articles it is tens of megabytes.
    """
    global _in_memory
    _used.clear()
    _digests.clear()
    try:
        raw = file.read_bytes()
    except OSError:
        _in_memory = None
        return
    digest = hashlib.sha256(raw).digest()
    if _in_memory is not None and _in_memory[:2] == (file, digest) and _in_memory[2] is _known:
        return
    _in_memory = None
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError included
        return
    hashes = None
    if isinstance(data, dict) and data.get("version") == _VERSION and isinstance(data.get("known"), dict):
        held = {kind: values for kind, values in data["known"].items() if isinstance(values, dict)}
        for kind, values in held.items():
            _known.setdefault(kind, {}).update(values)
        if len(held) == len(data["known"]):
            hashes = {kind: frozenset(values) for kind, values in held.items()}
    _in_memory = (file, digest, _known, hashes)


def remember(file: Path) -> None:
    """Keep what was used since :func:`recall` in `file`, for the next build (unless the file holds just that)."""
    global _in_memory
    known = {
        kind: {key: _known[kind][key] for key in sorted(keys) if key in _known.get(kind, {})}
        for kind, keys in _used.items()
    }
    _digests.clear()
    hashes = {kind: frozenset(values) for kind, values in known.items()}
    if _in_memory is not None and _in_memory[0] == file and _in_memory[3] == hashes and file.exists():
        return  # a build that learnt nothing and forgot nothing: the file holds what it would be given
    raw = json.dumps({"version": _VERSION, "known": known}, sort_keys=True).encode("utf-8")
    write_atomically(file, raw)
    _in_memory = (file, hashlib.sha256(raw).digest(), _known, hashes)

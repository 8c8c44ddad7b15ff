"""The glossary index as one folder of files that every worker process on a machine maps.

A glossary of a million entities makes an in-memory :class:`~newsqa.qa.index.GlossaryIndex` of
several GB in *each* process. Here the same lookups are answered from files that the processes
map read-only, so the operating system keeps one copy in its page cache for all of them, and a
process pays only for the pages its lookups touch:

* each lookup table (``english``, ``foreign``, ``sounds``, ``source_first``, ``source_lead``,
  ``postings``) is a MARISA trie of its keys (marisa-trie: static, compact, memory-mappable) that
  gives each key a number, plus two numpy arrays in compressed-row form: where a key's values
  start, and the values themselves (term numbers, in the glossary's order);
* ``deletions`` (each glossary word with one letter deleted -> the word: ten million keys at a
  million entities) is a hash table in three arrays instead (:class:`_HashList`): a trie of its
  keys took a fifth of a build to make, and a lookup that hits a stranger's key by chance costs
  only a word the checker then measures and drops;
  ``heads`` is a trie of every proper beginning of an English or foreign term, so the exact pass
  tries a longer window only where some name goes on;
* terms and entities are numbered in the glossary's order; their texts sit in string tables
  (UTF-8 bytes and offsets) and their language, status, entity, word count and case bits in small
  arrays. A lookup returns :class:`_MappedTerm` objects, which read an
  :class:`~newsqa.qa.index.IndexedTerm`'s fields lazily: length and case from the small arrays,
  the folded words, sound keys and text from the string tables only when the checker gets that far
  (never tokenising again). At a million entities a lookup returns hundreds of terms the checker
  drops on length or case; reading them whole cost most of a check and most of the file's pages.

What goes into which table comes from :func:`~newsqa.qa.index.entity_terms` for both index kinds,
so both give the same answers; ``tests/test_index_file.py`` checks it on the evaluation sets.
The builder takes any iterable of entities (a file, the store's rows), one at a time.
"""

from __future__ import annotations

import json
import mmap
import os
import shutil
import tempfile
import zlib
from array import array
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import accumulate, chain, islice
from operator import attrgetter
from pathlib import Path
from typing import Callable, Iterable, Iterator

import marisa_trie
import numpy as np

from newsqa.qa.errors import GlossaryError
from newsqa.qa.index import (ANCHOR_CAP, ENGLISH, FOREIGN, MIN_FUZZY_KEY, EntityInfo, IndexedTerm, SourceTable,
                             entity_acronyms, entity_terms, name_length, source_keys, source_lead, term_heads, word_variants,
                             words_of)
from newsqa.qa.model import Entity, Status, Term

FORMAT = 5          # bump when the layout changes: a reader refuses files of another format
SEP = "\x1f"        # joins the words of a key; never inside a folded word
FIELD = "\x1e"      # parts of a term's stored words: folded words, sound keys, case letters
POS_BITS = 16       # a posting packs (term number << POS_BITS) | word position
TABLES = ("english", "foreign", "sounds", "source_first", "source_lead", "postings")
# besides: ``deletions``, a hash table (_HashList) from each one-letter deletion of a word key to the
# word's number in ``postings``
# besides: ``acronyms`` (folded acronym -> entity numbers) and ``source_terms`` (term numbers in
# qa.index.source_term_order, with each one's name_length beside), which the name rules and the
# glossary step read
TERM_CACHE = 8192   # decoded terms kept per process (an article touches a few hundred)
SHAPE_WORDS = 16    # a term's case letters for its first 16 words sit in one uint32 (caps low, capitals high)


class IndexFileError(GlossaryError):
    """An index folder that is missing, incomplete or of another format: build it again."""


def _source_key(key: tuple[str | None, str]) -> str:
    return f"{key[0] or ''}{SEP}{key[1]}"


def _lead_key(key: tuple[str | None, str, str]) -> str:
    return f"{key[0] or ''}{SEP}{key[1]}{SEP}{key[2]}"


# ---- building --------------------------------------------------------------------------------


class _Table:
    """One lookup table while it is built: (key, value) pairs in order, each key numbered by the
    pair that first had it (so numbers follow first appearance, and filing a batch is one C-level
    pass of ``dict.setdefault`` with no Python code per pair)."""

    def __init__(self, typecode: str = "I") -> None:
        self.ids: dict[str, int] = {}
        self.keys = array("I")
        self.values = array(typecode)

    def extend(self, keys: list[str], values: list[int], offset: int = 0) -> None:
        """Add a batch's pairs, their values moved by ``offset``."""
        start = len(self.keys)
        self.keys.extend(map(self.ids.setdefault, keys, range(start, start + len(keys))))
        self.values.extend(_moved(values, offset, self.values.typecode))

    def save(self, folder: Path, name: str) -> np.ndarray:
        """Write trie, offsets and values; return an array from each key number to its trie number."""
        trie = marisa_trie.Trie(self.ids)
        trie.save(str(folder / f"{name}.marisa"))
        count = len(self.ids)
        remap = np.zeros(len(self.keys), dtype=np.uint32)
        remap[np.fromiter(self.ids.values(), np.uint32, count)] = \
            np.fromiter(map(trie.key_id, self.ids), np.uint32, count)
        self.ids = {}
        keys = remap[np.frombuffer(self.keys, dtype=np.uint32)] if len(self.keys) else np.empty(0, np.uint32)
        _save_rows(folder, name, keys, self.values, count)
        return remap


def key_hashes(keys: list[str]) -> np.ndarray:
    """Each key's hash as :class:`_HashList` files it: its UTF-8 bytes' CRC-32 and their length
    (at most 255) in 40 bits. Both are C-level passes; a lookup computes :func:`key_hash`."""
    encoded = list(map(str.encode, keys))
    crcs = np.fromiter(map(zlib.crc32, encoded), np.uint64, len(encoded))
    lengths = np.fromiter(map(len, encoded), np.uint64, len(encoded))
    return crcs << np.uint64(8) | np.minimum(lengths, np.uint64(255))


def key_hash(key: str) -> int:
    """:func:`key_hashes` of one key."""
    data = key.encode()
    return zlib.crc32(data) << 8 | min(len(data), 255)


HASH_BITS = 40  # of a key_hash


class _HashList:
    """The deletions while they are built: each key's hash (:func:`key_hash`, made by the worker
    processes) and value. Saved sorted by hash, with where each bucket of hashes starts (the top
    bits of the hash; about eight keys a bucket), so a lookup reads one offset and a few hashes."""

    def __init__(self) -> None:
        self.hashes = array("Q")
        self.values = array("I")

    def extend(self, hashes: array, values: list[int]) -> None:
        self.hashes.extend(hashes)
        self.values.extend(values)

    def save(self, folder: Path, name: str) -> None:
        hashes = np.frombuffer(self.hashes, dtype=np.uint64) if len(self.hashes) else np.empty(0, np.uint64)
        values = np.frombuffer(self.values, dtype=np.uint32) if len(self.values) else np.empty(0, np.uint32)
        order = np.argsort(hashes, kind="stable")  # stable: a key's words stay in the glossary's order
        hashes, values = hashes[order], values[order]
        bits = max(4, min(32, (len(hashes) // 8).bit_length()))
        offsets = np.zeros((1 << bits) + 1, dtype=_offset_type(len(hashes)))
        np.cumsum(np.bincount((hashes >> np.uint64(HASH_BITS - bits)).astype(np.int64), minlength=1 << bits),
                  out=offsets[1:])
        self.hashes, self.values = array("Q"), array("I")
        np.save(folder / f"{name}.hash.npy", hashes)
        np.save(folder / f"{name}.off.npy", offsets)
        np.save(folder / f"{name}.val.npy", values)


def _save_rows(folder: Path, name: str, keys: np.ndarray, values: array, count: int) -> None:
    """Write a table's values grouped by trie number (``keys``: each pair's, of ``count``) and where
    each row starts."""
    order = np.argsort(keys, kind="stable")  # stable: a key's values stay in the glossary's order
    rows = np.frombuffer(values, dtype=np.dtype(values.typecode))[order] \
        if len(values) else np.empty(0, np.dtype(values.typecode))
    offsets = np.zeros(count + 1, dtype=_offset_type(len(rows)))
    np.cumsum(np.bincount(keys, minlength=count), out=offsets[1:])
    np.save(folder / f"{name}.off.npy", offsets)
    np.save(folder / f"{name}.val.npy", rows)


def _offset_type(largest: int) -> type:
    """Offsets in four bytes while they fit (most glossaries), else eight."""
    return np.uint32 if largest < 2**32 else np.uint64


class _Strings:
    """A list of strings as UTF-8 bytes and offsets."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.offsets = array("Q", [0])

    def extend(self, packed: tuple[bytes, list[int]]) -> None:
        """Add strings packed by :func:`_packed` (one blob and each one's length in bytes)."""
        blob, lengths = packed
        ends = accumulate(lengths, initial=len(self.blob))
        next(ends)  # the first string starts where the blob ended, which offsets already holds
        self.blob += blob
        self.offsets.extend(ends)

    def save(self, folder: Path, name: str) -> None:
        (folder / f"{name}.txt").write_bytes(bytes(self.blob))
        np.save(folder / f"{name}.off.npy", np.frombuffer(self.offsets, dtype=np.uint64)
                .astype(_offset_type(len(self.blob))))


def _packed(texts: list[str]) -> tuple[bytes, list[int]]:
    """Strings as one UTF-8 blob and their lengths: how a worker process hands them over."""
    encoded = [t.encode("utf-8") for t in texts]
    return b"".join(encoded), [len(e) for e in encoded]


class _Codes:
    """Small vocabularies (languages, types, statuses) stored as one byte or two a row."""

    def __init__(self) -> None:
        self.names: dict[str, int] = {}

    def codes(self, names: list[str]) -> list[int]:
        """The codes of a batch's values, new values coded in order of appearance."""
        for name in dict.fromkeys(names):
            self.names.setdefault(name, len(self.names))
        return list(map(self.names.__getitem__, names))

    def listed(self) -> list[str]:
        return list(self.names)


def build_index(entities: Iterable[Entity], folder: str | Path, version: str,
                info: dict | None = None, processes: int = 1) -> Path:
    """Write the index of ``entities`` (in the glossary's order) to ``folder``.

    The folder appears whole or not at all: the files are written to a temporary folder beside it,
    which is then renamed. Worker processes make each run of 500 entities into a batch of plain
    values (:func:`_batch`: tokenising and making keys); this process files the batches in order,
    then saves the tables while a forked process saves the word tables (:func:`_start`).
    ``version`` is the glossary version flags will record; ``info`` is kept in ``meta.json`` for
    the caller (the store's version and change number, say). ``processes`` > 1 tokenises the terms
    in that many worker processes and saves in two (not from inside a daemonic process, such as a
    Celery prefork child).
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        meta = _write(entities, work, version, info or {}, processes)
        (work / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        _settle(work)
        try:
            os.rename(work, folder)
        except OSError:
            if not (folder / "meta.json").exists():
                raise
            shutil.rmtree(work, ignore_errors=True)  # another process built the same index first
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return folder


def _settle(folder: Path) -> None:
    """Put the written files on disk and out of the page cache before the folder is renamed.

    On disk first, so that a crash never leaves a complete-looking folder with missing data. Out of
    the cache because the writes left each file there in large (2 MB) folios: a worker touching
    one entry would map a whole folio, and four workers' memory grew by most of the file. Read
    back on demand (:func:`_advise`), only the pages the checks use come in, 4 KB at a time.
    """
    for path in folder.iterdir():
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _shapes(item: IndexedTerm) -> tuple[str, int]:
    """A term's case: each word's in one letter (c capitalised, u all capitals, b both, a neither)
    and the letters of its first SHAPE_WORDS words as bits, capitalised in the low half and all
    capitals in the high half (a lookup tests a term's case from them without decoding it)."""
    return _shape_of(item.caps, item.uppers)


@lru_cache(maxsize=4096)
def _shape_of(caps: tuple[bool, ...], uppers: tuple[bool, ...]) -> tuple[str, int]:
    # kept per pattern: a glossary's terms have few (most are all capitalised words)
    shapes = "".join(["acub"[cap + 2 * upper] for cap, upper in zip(caps, uppers)])
    bits = 0
    for j, (cap, upper) in enumerate(zip(caps[:SHAPE_WORDS], uppers[:SHAPE_WORDS])):
        bits |= cap << j | upper << (j + SHAPE_WORDS)
    return shapes, bits


_CAP, _UPPER = frozenset("cb"), frozenset("ub")  # the letters of _shape_of that say capitalised, all capitals


_PAIR_TABLES = TABLES + ("by_entity", "acronyms")  # deletions are filed by the builder (new words only)


def _batch(chunk: list[Entity], build: str = "") -> dict:
    """A run of entities as the builder files them, in plain values: every term's columns and
    strings, and each table's (key, value) pairs with term and entity numbers counted from the
    run's start. Worker processes make batches (tokenising the terms is most of a build; so is
    making the keys) and the builder files them in order, with little more than appends."""
    out = {"ids": [], "types": [], "best": [], "has_best": [], "lang": [], "status": [], "entity": [],
           "implicit": [], "length": [], "words": [], "shape": [], "text": [], "tokens": [], "heads": set(),
           "max_len": 1, **{name: ([], []) for name in _PAIR_TABLES}}
    # local names for the lists: this loop runs for every term of the glossary
    add_entity, add_lang, add_status = out["entity"].append, out["lang"].append, out["status"].append
    add_implicit, add_length, add_words = out["implicit"].append, out["length"].append, out["words"].append
    add_shape, add_text, add_tokens, heads = out["shape"].append, out["text"].append, out["tokens"].append, out["heads"]
    english_keys, english_terms = out["english"]
    by_entity_keys, by_entity_terms = out["by_entity"]
    sounds_keys, sounds_terms = out["sounds"]
    postings_keys, postings_values = out["postings"]
    foreign_keys, foreign_terms = out["foreign"]
    first_keys, first_terms = out["source_first"]
    lead_keys, lead_terms = out["source_lead"]
    acronym_keys, acronym_entities = out["acronyms"]
    max_len, term = 1, 0
    known = words_of(chunk)
    for rank, entity in enumerate(chunk):
        best = entity.preferred_english
        out["ids"].append(entity.id)
        out["types"].append(entity.type)
        out["best"].append("" if best is None else best.text)
        out["has_best"].append(best is not None)
        for key in dict.fromkeys(entity_acronyms(entity)):
            acronym_keys.append(key)
            acronym_entities.append(rank)
        for role, item in entity_terms(entity, known):
            norms, keys = item.norms, item.keys
            shapes, bits = _shapes(item)
            add_entity(rank)
            add_lang(item.term.lang)
            add_status(item.term.status._value_)
            add_implicit(item.implicit)
            add_length(min(255, name_length(norms)))
            add_words(min(255, len(norms)))
            add_shape(bits)
            add_text(item.term.text)
            words, sounds = SEP.join(norms), SEP.join(keys)
            add_tokens(f"{words}{FIELD}{sounds}{FIELD}{shapes}")
            if len(norms) > 1:  # a one-word term has no proper beginning
                max_len = max(max_len, len(norms))
                heads.update(map(SEP.join, term_heads(role, item)))
            if role == ENGLISH:
                english_keys.append(words)
                english_terms.append(term)
                if item.accepted:
                    by_entity_keys.append(entity.id)
                    by_entity_terms.append(term)
                    sounds_keys.append(sounds)
                    sounds_terms.append(term)
                    if len(keys) > 1 << POS_BITS:
                        raise GlossaryError(f"{entity.id}: a term of more than {1 << POS_BITS} words")
                    postings_keys += keys
                    postings_values += range(term << POS_BITS, (term << POS_BITS) + len(keys))
            else:
                if role == FOREIGN:
                    foreign_keys.append(words)
                    foreign_terms.append(term)
                for key in source_keys(item):
                    first_keys.append(_source_key(key))
                    first_terms.append(term)
                for key in source_lead(item):
                    lead_keys.append(_lead_key(key))
                    lead_terms.append(term)
            term += 1
    out["max_len"] = max_len
    out["text"], out["tokens"], out["best"] = _packed(out["text"]), _packed(out["tokens"]), _packed(out["best"])
    out["variants"] = _new_words(out["postings"][0], build)
    return out


_WORDS: tuple[str, set[str]] = ("", set())  # (build, word keys this process has sent variants of)


def _new_words(keys: list[str], build: str) -> tuple[list[str], list[int], array]:
    """The word keys (of at least MIN_FUZZY_KEY letters) that this process has not met in this
    build, each one's count of variants, and the variants' hashes (:func:`word_variants`,
    :func:`key_hashes`), flat. Deleting letters and hashing is the builder's busiest loop after
    tokenising; done here, in the worker processes, it runs in parallel, and the builder keeps
    only a word the other workers have not sent."""
    global _WORDS
    if _WORDS[0] != build:
        _WORDS = (build, set())
    seen = _WORDS[1]
    words, counts, variants = [], [], []
    for key in dict.fromkeys(keys):
        if len(key) >= MIN_FUZZY_KEY and key not in seen:
            seen.add(key)
            more = word_variants(key)
            words.append(key)
            counts.append(len(more))
            variants += more
    return words, counts, array("Q", key_hashes(variants).tobytes())


_Packed = tuple[list[str], list[str], list[int], list[str], list[str], list[str]]
_STATUS = {status.value: status for status in Status}
_ENTITY_FIELDS = tuple(map(attrgetter, ("id", "type", "terms")))
_TERM_FIELDS = tuple(map(attrgetter, ("text", "lang", "status._value_")))


def _pack(chunk: list[Entity]) -> _Packed:
    """Entities in columns of what the index reads (ids, types, each one's count of terms, and the
    terms' texts, languages and statuses): what goes to a worker process. Pickling the dataclasses
    and their enums cost the builder a sixth of its time and the workers as much again; columns
    are made in C-level passes (a field of every entity or term) and pickle as lists of strings."""
    ids, types, terms = (list(map(field, chunk)) for field in _ENTITY_FIELDS)
    flat = list(chain.from_iterable(terms))
    texts, langs, statuses = (list(map(field, flat)) for field in _TERM_FIELDS)
    return ids, types, list(map(len, terms)), texts, langs, statuses


def _packed_batch(chunk: _Packed, build: str) -> dict:
    """:func:`_batch` of entities packed by :func:`_pack`, :func:`_shipped` for the way back."""
    ids, types, counts, texts, langs, statuses = chunk
    terms = list(map(Term, texts, langs, map(_STATUS.__getitem__, statuses)))
    entities, start = [], 0
    for entity_id, kind, count in zip(ids, types, counts):
        entities.append(Entity(entity_id, kind, terms=terms[start:start + count]))
        start += count
    return _shipped(_batch(entities, build))


_JOIN = "\x00"  # joins a shipped list of strings; a list with it inside one string goes as a list
_STRING_LISTS = ("ids", "types", "lang", "status")
_NUMBER_LISTS = ("has_best", "entity", "implicit", "length", "words", "shape")


def _shipped(batch: dict) -> dict:
    """A batch as a worker process sends it back: each list of strings joined into one string and
    each list of numbers as the bytes of an array. Pickling a million small objects, and above all
    unpickling them in the builder, cost as much as filing them; one string or one buffer costs
    almost nothing, and splitting them again is one C-level call (:func:`_unshipped`)."""
    out = dict(batch)
    for name in _STRING_LISTS:
        out[name] = _joined(batch[name])
    for name in _NUMBER_LISTS:
        out[name] = array("q", batch[name])
    for name in _PAIR_TABLES:
        keys, values = batch[name]
        out[name] = (_joined(keys), array("q", values))
    words, counts, variants = batch["variants"]
    out["variants"] = (_joined(words), array("q", counts), variants)
    return out


def _joined(texts: list[str]) -> str | list[str]:
    """One string, or the list itself where splitting could not give it back (none, or _JOIN inside)."""
    if not texts:
        return texts
    joined = _JOIN.join(texts)
    return joined if joined.count(_JOIN) == len(texts) - 1 else texts


def _split(texts: str | list[str]) -> list[str]:
    return texts if isinstance(texts, list) else texts.split(_JOIN)


def _unshipped(batch: dict) -> dict:
    """A batch from :func:`_shipped` in :func:`_batch`'s own form."""
    for name in _STRING_LISTS:
        batch[name] = _split(batch[name])
    for name in _NUMBER_LISTS:
        batch[name] = batch[name].tolist()
    for name in _PAIR_TABLES:
        keys, values = batch[name]
        batch[name] = (_split(keys), values.tolist())
    words, counts, variants = batch["variants"]
    batch["variants"] = (_split(words), counts.tolist(), variants)
    return batch


def _batches(entities: Iterable[Entity], processes: int, build: str, chunk: int = 500) -> Iterator[dict]:
    """Batches in the glossary's order; with ``processes`` > 1 made by that many worker processes,
    a bounded number in flight (the entities are never all in memory)."""
    chunks = iter(lambda it=iter(entities): list(islice(it, chunk)), [])
    if processes <= 1:
        yield from (_batch(c, build) for c in chunks)
        return
    with ProcessPoolExecutor(processes) as pool:
        pending = deque(pool.submit(_packed_batch, _pack(c), build) for c in islice(chunks, 2 * processes))
        while pending:
            batch = pending.popleft().result()
            for c in islice(chunks, 1):
                pending.append(pool.submit(_packed_batch, _pack(c), build))
            yield _unshipped(batch)


def _duplicate(seen: set[str], ids: list[str]) -> None:
    """Raise for the first id of a batch that is already in the index or twice in the batch."""
    seen = set(seen)
    for entity_id in ids:
        if entity_id in seen:
            raise GlossaryError(f"duplicate entity id {entity_id!r}")
        seen.add(entity_id)


def _moved(numbers: list[int], offset: int, typecode: str) -> array | list[int]:
    """Numbers counted from a batch's start, counted from the index's start (one numpy add)."""
    if not offset or not numbers:
        return numbers
    return array(typecode, (np.asarray(numbers, dtype=np.int64) + offset).astype(typecode).tobytes())


def _file_deletions(tables: dict[str, "_Table | _HashList"], filed: set[str], words: list[str], counts: list[int],
                    variants: array) -> None:
    """File the one-letter deletions of a batch's words that no earlier batch had, pointing at each
    word's number in ``postings`` (a worker sends every word new to *it*, so a word two workers
    met is filed once, by the first batch in the glossary's order)."""
    numbers, keys, values, start = tables["postings"].ids, array("Q"), [], 0
    for word, count in zip(words, counts):
        if word not in filed:
            filed.add(word)
            keys += variants[start:start + count]
            values += [numbers[word]] * count
        start += count
    tables["deletions"].extend(keys, values)


def _write(entities: Iterable[Entity], work: Path, version: str, info: dict, processes: int) -> dict:
    tables: dict[str, _Table | _HashList] = {name: _Table("Q") if name == "postings" else _Table() for name in TABLES}
    tables["deletions"] = _HashList()
    by_entity, acronyms = _Table(), _Table()
    entity_ids, preferred, term_texts, term_tokens = _Strings(), _Strings(), _Strings(), _Strings()
    has_preferred, entity_types = array("B"), array("B")
    term_entity, term_lang, term_status, term_implicit = array("I"), array("H"), array("B"), array("B")
    types, langs, statuses = _Codes(), _Codes(), _Codes()
    seen_ids: set[str] = set()
    word_keys: set[str] = set()  # the word keys whose deletions are filed
    heads: set[str] = set()  # every proper beginning of an English or foreign term (has_longer)
    max_len = 1
    term_length = array("B")  # each term's name_length (at most 255), for source_terms(length)
    term_words, term_shape = array("B"), array("I")  # each term's word count and case bits: see _MappedTerm
    entities_done = 0
    build = f"{os.getpid()}:{id(tables)}:{work.name}"  # tells worker processes' word memory (_new_words) apart
    for batch in _batches(entities, processes, build):
        ids = batch["ids"]
        if not seen_ids.isdisjoint(ids) or len(set(ids)) != len(ids):
            _duplicate(seen_ids, ids)
        seen_ids.update(ids)
        entity_ids.extend(_packed(ids))
        first_term = len(term_entity)
        entity_types.extend(types.codes(batch["types"]))
        has_preferred.extend(batch["has_best"])
        preferred.extend(batch["best"])
        term_entity.extend(_moved(batch["entity"], entities_done, term_entity.typecode))
        term_lang.extend(langs.codes(batch["lang"]))
        term_status.extend(statuses.codes(batch["status"]))
        term_implicit.extend(batch["implicit"])
        term_length.extend(batch["length"])
        term_words.extend(batch["words"])
        term_shape.extend(batch["shape"])
        term_texts.extend(batch["text"])
        term_tokens.extend(batch["tokens"])
        max_len = max(max_len, batch["max_len"])
        heads |= batch["heads"]
        for name in TABLES:
            offset = first_term << POS_BITS if name == "postings" else first_term
            tables[name].extend(*batch[name], offset)
        by_entity.extend(*batch["by_entity"], first_term)
        acronyms.extend(*batch["acronyms"], entities_done)
        _file_deletions(tables, word_keys, *batch["variants"])
        entities_done += len(ids)
    del word_keys, seen_ids

    def save_words() -> None:
        # the word tables, about half of the saving: deletions point at word keys by their number in
        # postings, which the postings trie renumbers
        tables["sounds"].save(work, "sounds")
        remap = tables["postings"].save(work, "postings")
        tables["deletions"].save(work, "deletions")
        values = np.load(work / "deletions.val.npy")
        np.save(work / "deletions.val.npy", remap[values] if len(values) else values)

    saving_words = _start(save_words, parallel=processes > 1)
    try:
        marisa_trie.Trie(heads).save(str(work / "heads.marisa"))
        del heads
        accepted = np.array([Status(s).accepted for s in statuses.listed()] or [False], dtype=bool)
        order = _source_term_order(tables["source_first"], tables["english"],
                                   accepted[np.frombuffer(term_status, dtype=np.uint8)]
                                   if len(term_status) else np.empty(0, bool))
        np.save(work / "source_terms.npy", order)
        np.save(work / "source_terms_len.npy", np.frombuffer(term_length, dtype=np.uint8)[order]
                if len(order) else np.empty(0, np.uint8))
        acronyms.save(work, "acronyms")
        for name in ("english", "foreign", "source_first", "source_lead"):
            tables[name].save(work, name)
        ids_trie = marisa_trie.Trie(entity_ids_list := _decoded(entity_ids))
        ids_trie.save(str(work / "entity_ids.marisa"))
        ranks = np.empty(len(entity_ids_list), dtype=np.uint32)
        ranks[np.fromiter(map(ids_trie.key_id, entity_ids_list), np.uint32, len(entity_ids_list))] = \
            np.arange(len(entity_ids_list), dtype=np.uint32)
        np.save(work / "entity_rank.npy", ranks)
        by_entity.save(work, "by_entity")  # looked up by entity id through its own trie
        entity_ids.save(work, "entity_id")
        preferred.save(work, "preferred")
        term_texts.save(work, "term_text")
        term_tokens.save(work, "term_tokens")
        for name, column in (("entity_type", entity_types), ("has_preferred", has_preferred),
                             ("term_entity", term_entity), ("term_lang", term_lang),
                             ("term_status", term_status), ("term_implicit", term_implicit),
                             ("term_words", term_words), ("term_shape", term_shape)):
            np.save(work / f"{name}.npy", np.frombuffer(column, dtype=np.dtype(column.typecode))
                    if len(column) else np.empty(0, np.dtype(column.typecode)))
    except BaseException:
        saving_words(stop=True)
        raise
    saving_words()
    return {"format": FORMAT, "version": version, "entities": len(entity_ids_list), "terms": len(term_entity),
            "max_len": max_len, "types": types.listed(), "langs": langs.listed(),
            "statuses": statuses.listed(), "info": info}


def _start(job: Callable[[], None], parallel: bool) -> Callable[..., None]:
    """Run ``job`` in a forked process beside this one when ``parallel`` (it sees this process's
    tables as they are, without pickling them); return what waits for it and raises if it failed.
    Without ``parallel``, or inside a daemonic process (which may not have children), or where
    there is no fork, the job runs here and now."""
    import multiprocessing

    if not parallel or multiprocessing.current_process().daemon or \
            "fork" not in multiprocessing.get_all_start_methods():
        job()
        return lambda stop=False: None
    process = multiprocessing.get_context("fork").Process(target=job, name="newsqa-index-save")
    process.start()

    def wait(stop: bool = False) -> None:
        if stop:
            process.terminate()
        process.join()
        if process.exitcode != 0 and not stop:
            raise IndexFileError(f"saving the index's word tables failed (exit code {process.exitcode})")
    return wait  # wait(stop=True) ends the job early (the build failed elsewhere)


def _grouped(table: _Table) -> tuple[np.ndarray, np.ndarray]:
    """(key numbers, values) with each key's values together, keys in first-seen order (as a dict
    built in the glossary's order iterates), values in the order added."""
    keys = np.frombuffer(table.keys, dtype=np.uint32)
    values = np.frombuffer(table.values, dtype=np.dtype(table.values.typecode))
    order = np.argsort(keys, kind="stable")
    return keys[order], values[order]


def _source_term_order(source_first: _Table, english: _Table, accepted: np.ndarray) -> np.ndarray:
    """Term numbers in :func:`newsqa.qa.index.source_term_order`: the items under the language-free
    ``source_first`` keys (each once), then the accepted English items."""
    if not len(source_first.keys) and not len(english.keys):
        return np.empty(0, np.uint32)
    keys, values = _grouped(source_first)
    free = np.zeros(len(source_first.keys), dtype=bool)
    for key, number in source_first.ids.items():
        free[number] = key.startswith(SEP)
    source = values[free[keys]] if len(keys) else values
    _, first = np.unique(source, return_index=True)  # a family-less term is filed twice under one key
    source = source[np.sort(first)]
    _, values = _grouped(english)
    return np.concatenate([source, values[accepted[values]] if len(values) else values]).astype(np.uint32)


def _decoded(strings: _Strings) -> list[str]:
    blob, offsets = bytes(strings.blob), strings.offsets
    return [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(len(offsets) - 1)]


# ---- reading ---------------------------------------------------------------------------------


def _advise(mapping: mmap.mmap | None) -> None:
    """Tell the kernel a mapping is read at random: no readahead, and no 2 MB pages.

    A check reads a few scattered entries of each file. Left alone, the kernel reads ahead around
    each one and, where the page cache holds a file in 2 MB folios (ext4 on recent kernels), maps a
    whole 2 MB into the process for one entry, so every worker's memory (PSS) grew by most of the
    file. LMDB reads its memory-mapped file the same way (MDB_NORDAHEAD) for the same reason.
    """
    if mapping is None:
        return
    for advice in ("MADV_RANDOM", "MADV_NOHUGEPAGE"):
        if hasattr(mmap, advice):
            try:
                mapping.madvise(getattr(mmap, advice))
            except OSError:  # an older kernel without the advice: only memory is at stake
                pass


def _load(path: Path) -> np.ndarray:
    """A numpy file mapped read-only and advised (:func:`_advise`); an empty one read."""
    try:
        data = np.load(path, mmap_mode="r")
    except ValueError:  # an empty array: nothing to map
        return np.load(path)
    _advise(getattr(data, "_mmap", None))
    return data


def _numbers(folder: Path, name: str) -> np.ndarray:
    """A read-only mapped numpy file as an array (for filtering it whole)."""
    return _load(folder / f"{name}.npy")


def _array(folder: Path, name: str) -> memoryview:
    """A read-only mapped numpy file as a memoryview: indexing one cell gives a plain int, fast."""
    data = _load(folder / f"{name}.npy")
    if not data.size:
        return memoryview(b"")
    return memoryview(data).cast("B").cast(data.dtype.char)


class _StringTable:
    def __init__(self, folder: Path, name: str) -> None:
        self.offsets = _array(folder, f"{name}.off")
        size = (folder / f"{name}.txt").stat().st_size
        self.blob = np.memmap(folder / f"{name}.txt", dtype=np.uint8, mode="r") if size else np.empty(0, np.uint8)
        _advise(getattr(self.blob, "_mmap", None))
        self.view = memoryview(self.blob)

    def __getitem__(self, i: int) -> str:
        return bytes(self.view[self.offsets[i]:self.offsets[i + 1]]).decode("utf-8")


class _Trie:
    """A mapped MARISA trie; an empty table has no file worth mapping."""

    def __init__(self, folder: Path, name: str) -> None:
        self.trie = marisa_trie.Trie()
        with open(folder / f"{name}.marisa", "rb") as file:
            self._mapping = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        _advise(self._mapping)
        self.trie.map(self._mapping)  # the trie reads the mapping and holds no reference: keep this object

    def get(self, key: str) -> int | None:
        return self.trie.get(key)

    def restore_key(self, number: int) -> str:
        return self.trie.restore_key(number)


class _Rows:
    """A lookup table as read: key -> row of values (term numbers or packed postings)."""

    def __init__(self, folder: Path, name: str) -> None:
        self.trie = _Trie(folder, name)
        self.offsets = _array(folder, f"{name}.off")
        self.values = _array(folder, f"{name}.val")

    def row(self, key: str) -> memoryview:
        number = self.trie.get(key)
        if number is None:
            return memoryview(b"")
        return self.values[self.offsets[number]:self.offsets[number + 1]]


class _HashRows:
    """The deletions as read (:class:`_HashList`): a key's values are those of the entries in its
    bucket (the top bits of :func:`key_hash`, ``>> shift``) with its hash; MappedIndex.near_keys
    reads them."""

    def __init__(self, folder: Path, name: str) -> None:
        self.hashes = _array(folder, f"{name}.hash")
        self.offsets = _array(folder, f"{name}.off")
        self.values = _array(folder, f"{name}.val")
        self.shift = HASH_BITS - (len(self.offsets) - 1).bit_length() + 1


class _ItemLookup:
    """``get(key)`` -> [IndexedTerm], as the in-memory index's dictionaries answer it.

    The checker asks thousands of these an article, most of them for windows that name nothing:
    a miss costs one trie lookup and nothing else.
    """

    shift = 0  # values are term numbers

    def __init__(self, index: "MappedIndex", rows: _Rows, encode: Callable | None) -> None:
        self.index, self.rows, self.encode = index, rows, encode
        self._find = rows.trie.trie.get
        self._offsets, self._values = rows.offsets, rows.values

    def terms(self, key) -> memoryview:
        """The raw row: term numbers (shifted left by ``shift``), before any is decoded."""
        number = self._find(self.encode(key) if self.encode else key)
        if number is None:
            return memoryview(b"")
        return self._values[self._offsets[number]:self._offsets[number + 1]]

    def decode(self, values: list[int]) -> list:
        term = self.index.term
        return [term(t) for t in values]

    def size(self, key) -> int:
        """How many values ``key`` has, without reading them."""
        number = self._find(self.encode(key) if self.encode else key)
        return 0 if number is None else self._offsets[number + 1] - self._offsets[number]

    def get(self, key, default=None):
        number = self._find(self.encode(key) if self.encode else key)
        if number is None:
            return default
        return self.decode(self._values[self._offsets[number]:self._offsets[number + 1]].tolist())


class _PostingLookup(_ItemLookup):
    """``get(key)`` -> [(IndexedTerm, position)]: the first ANCHOR_CAP + 1, as the in-memory index
    keeps them (one more than the cap says "too common to anchor")."""

    shift = POS_BITS

    def decode(self, values: list[int]) -> list:
        mask, term = (1 << POS_BITS) - 1, self.index.term
        return [(term(p >> POS_BITS), p & mask) for p in values]

    def get(self, key, default=None):
        number = self._find(key)
        if number is None:
            return default
        start = self._offsets[number]
        end = min(self._offsets[number + 1], start + ANCHOR_CAP + 1)
        return self.decode(self._values[start:end].tolist())


class _EntityLookup:
    """``get(entity id)`` -> that entity's accepted English items."""

    def __init__(self, index: "MappedIndex", rows: _Rows) -> None:
        self.index, self.rows = index, rows

    def get(self, entity_id: str, default=None):
        row = self.rows.row(entity_id)
        if not len(row):
            return default
        return [self.index.term(t) for t in row.tolist()]


class MappedIndex:
    """A built index folder, mapped read-only; answers the checker's lookups (``GlossaryLookup``).

    Opening it costs little (the files are mapped, not read); what a process's lookups touch comes
    into the page cache once for every process on the machine.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        try:
            meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexFileError(f"{self.folder}: not a glossary index ({exc})") from None
        if meta.get("format") != FORMAT:
            raise IndexFileError(f"{self.folder}: index format {meta.get('format')}, this newsqa reads {FORMAT}")
        self.meta = meta
        self.version: str = meta["version"]
        self.max_len: int = meta["max_len"]
        self._types, self._langs = meta["types"], meta["langs"]
        self._statuses = [Status(s) for s in meta["statuses"]]
        try:
            rows = {name: _Rows(self.folder, name) for name in TABLES}
            self._deletions = _HashRows(self.folder, "deletions")
            self._by_entity = _Rows(self.folder, "by_entity")
            self._acronyms = _Rows(self.folder, "acronyms")
            self._source_terms = _numbers(self.folder, "source_terms")
            self._source_lengths = _numbers(self.folder, "source_terms_len")
            self._entity_ids = _Trie(self.folder, "entity_ids")
            self._heads = _Trie(self.folder, "heads")  # the wrapper keeps the mapping open
            self._entity_rank = _array(self.folder, "entity_rank")
            self._entity_id = _StringTable(self.folder, "entity_id")
            self._preferred = _StringTable(self.folder, "preferred")
            self._has_preferred = _array(self.folder, "has_preferred")
            self._entity_type = _array(self.folder, "entity_type")
            self._term_text = _StringTable(self.folder, "term_text")
            self._term_tokens = _StringTable(self.folder, "term_tokens")
            self.term_entity = _array(self.folder, "term_entity")
            self._term_lang = _array(self.folder, "term_lang")
            self._term_status = _array(self.folder, "term_status")
            self._term_implicit = _array(self.folder, "term_implicit")
            self._term_words = _array(self.folder, "term_words")
            self._term_shape = _array(self.folder, "term_shape")
        except (OSError, ValueError) as exc:
            raise IndexFileError(f"{self.folder}: incomplete glossary index ({exc})") from None
        self.english = _ItemLookup(self, rows["english"], SEP.join)
        self.foreign = _ItemLookup(self, rows["foreign"], SEP.join)
        self.sounds = _ItemLookup(self, rows["sounds"], SEP.join)
        self.source_first = _ItemLookup(self, rows["source_first"], _source_key)
        self.source_lead = _ItemLookup(self, rows["source_lead"], _lead_key)
        self.postings = _PostingLookup(self, rows["postings"], None)
        self.english_by_entity = _EntityLookup(self, self._by_entity)
        self._words = rows["postings"].trie
        self._terms: dict[int, _MappedTerm] = {}
        self._accepted = [status.accepted for status in self._statuses]

    def __len__(self) -> int:
        return self.meta["entities"]

    def rank(self, entity_id: str) -> int | None:
        """The entity's place in the glossary's order; None when it is not in this index."""
        number = self._entity_ids.get(entity_id)
        return None if number is None else self._entity_rank[number]

    def entity(self, entity_id: str) -> EntityInfo | None:
        rank = self.rank(entity_id)
        if rank is None:
            return None
        return EntityInfo(entity_id, self._types[self._entity_type[rank]],
                          self._preferred[rank] if self._has_preferred[rank] else None)

    def entity_type(self, entity_id: str) -> str | None:
        rank = self.rank(entity_id)
        return None if rank is None else self._types[self._entity_type[rank]]

    def entity_at(self, rank: int) -> str:
        """The id of the entity at place ``rank`` in the glossary's order."""
        return self._entity_id[rank]

    def acronym_ranks(self, folded: str) -> list[int]:
        """The places of the entities a folded acronym names, in the glossary's order."""
        return self._acronyms.row(folded).tolist()

    def acronym(self, folded: str) -> str | None:
        ranks = self._acronyms.row(folded)
        return self._entity_id[ranks[0]] if len(ranks) else None

    def source_terms(self, length: int | None = None,
                     excluded: frozenset[int] | set[int] = frozenset()) -> Iterator[IndexedTerm]:
        """The items of :func:`~newsqa.qa.index.source_term_order` (of that ``name_length``), decoded one
        at a time (not cached: a pass touches many terms); ``excluded``: entity places to leave out."""
        entity_of, numbers = self.term_entity, self._source_terms
        if length is not None and len(numbers):
            numbers = numbers[self._source_lengths == min(length, 255)]  # 255: "or more"; the caller checks
        for number in numbers.tolist():
            if not excluded or entity_of[number] not in excluded:
                yield _MappedTerm(self, number)

    def source_numbers(self, length: int, excluded: frozenset[int] | set[int] = frozenset()) -> list[int]:
        """The term numbers :meth:`source_terms` would decode, in its order."""
        numbers = self._source_terms
        if len(numbers):
            numbers = numbers[self._source_lengths == min(length, 255)]
        entity_of = self.term_entity
        return [n for n in numbers.tolist() if not excluded or entity_of[n] not in excluded]

    def term_norms(self, number: int) -> tuple[str, ...]:
        """Term ``number``'s folded words, without decoding the rest of it."""
        return tuple(self._term_tokens[number].split(FIELD, 1)[0].split(SEP))

    def source_table(self, length: int, excluded: frozenset[int] | set[int] = frozenset()) -> SourceTable:
        numbers = self.source_numbers(length, excluded)
        return SourceTable([(len(numbers), lambda k: self.term_norms(numbers[k]), lambda k: self.term(numbers[k]))])

    def glossary_terms(self, excluded: frozenset[int] | set[int] = frozenset()) -> Iterator[tuple[str, str]]:
        entity_of, implicit, langs, lang = self.term_entity, self._term_implicit, self._langs, self._term_lang
        for number in range(self.meta["terms"]):
            if not implicit[number] and (not excluded or entity_of[number] not in excluded):
                yield self._term_text[number], langs[lang[number]]

    def term(self, number: int) -> "_MappedTerm":
        """Term ``number`` as the matcher sees it (an :class:`IndexedTerm`'s fields, read lazily)."""
        item = self._terms.get(number)
        if item is not None:
            return item
        item = _MappedTerm(self, number)
        if len(self._terms) >= TERM_CACHE:
            self._terms.clear()  # not one at a time: next(iter()) over a dict's deleted front is slow
        self._terms[number] = item
        return item

    def has_longer(self, words: tuple[str, ...]) -> bool:
        return SEP.join(words) in self._heads.trie

    def near_keys(self, key: str) -> set[str]:
        """Glossary word keys within one deletion of ``key`` on either side (SymSpell lookup); a
        stranger's key that shares a variant's hash may come too (the checker measures each)."""
        out: set[str] = set()
        table, restore = self._deletions, self._words.restore_key
        hashes, offsets, values, shift = table.hashes, table.offsets, table.values, table.shift
        for variant in word_variants(key):
            wanted = key_hash(variant)
            bucket = wanted >> shift
            for i in range(offsets[bucket], offsets[bucket + 1]):
                if hashes[i] == wanted:
                    out.add(restore(values[i]))
        out.discard(key)
        return out


_FLAGS: dict[tuple[int, int], tuple[bool, ...]] = {}


def _flags(bits: int, words: int) -> tuple[bool, ...]:
    """``words`` booleans from the low bits of ``bits`` (a few hundred distinct ones: kept)."""
    key = (bits, words)
    out = _FLAGS.get(key)
    if out is None:
        out = _FLAGS[key] = tuple(bool(bits >> j & 1) for j in range(words))
    return out


class _MappedTerm:
    """A term of the file with :class:`~newsqa.qa.index.IndexedTerm`'s fields, each read when first asked for.

    A lookup in a large glossary returns many terms that the checker drops after looking at their
    length and case (a first name shared by a thousand people, the near keys of a word); those come
    from two small arrays. The words, the text and the entity id are read from the string tables
    only for the terms that get that far, so a check touches few pages of the big files (which is
    what the processes' shared memory pays for) and makes few objects.
    """

    __slots__ = ("_index", "number", "_norms", "_keys", "_caps", "_uppers", "_term")

    def __init__(self, index: MappedIndex, number: int) -> None:
        self._index, self.number = index, number
        self._norms = self._keys = self._caps = self._uppers = self._term = None

    def _read_words(self) -> None:
        norms, keys, shapes = self._index._term_tokens[self.number].split(FIELD)
        self._norms, self._keys = tuple(norms.split(SEP)), tuple(keys.split(SEP))
        self._caps = tuple(c in _CAP for c in shapes)
        self._uppers = tuple(c in _UPPER for c in shapes)

    @property
    def norms(self) -> tuple[str, ...]:
        if self._norms is None:
            self._read_words()
        return self._norms

    @property
    def keys(self) -> tuple[str, ...]:
        if self._keys is None:
            self._read_words()
        return self._keys

    def __len__(self) -> int:
        words = self._index._term_words[self.number]
        return words if words < 255 else len(self.norms)

    def _read_case(self) -> None:
        """Both case tuples, from the shape bits (the words only for a term of more than SHAPE_WORDS)."""
        words = len(self)
        if words > SHAPE_WORDS:
            self._read_words()
            return
        bits = self._index._term_shape[self.number]
        self._caps, self._uppers = _flags(bits, words), _flags(bits >> SHAPE_WORDS, words)

    @property
    def caps(self) -> tuple[bool, ...]:
        if self._caps is None:
            self._read_case()
        return self._caps

    @property
    def uppers(self) -> tuple[bool, ...]:
        if self._uppers is None:
            self._read_case()
        return self._uppers

    @property
    def entity(self) -> str:
        index = self._index
        return index._entity_id[index.term_entity[self.number]]

    @property
    def term(self) -> Term:
        if self._term is None:
            index, number = self._index, self.number
            self._term = Term(index._term_text[number], index._langs[index._term_lang[number]],
                              index._statuses[index._term_status[number]])
        return self._term

    @property
    def implicit(self) -> bool:
        return bool(self._index._term_implicit[self.number])

    @property
    def accepted(self) -> bool:
        index = self._index
        return index._accepted[index._term_status[self.number]]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _MappedTerm) and other._index is self._index:
            return other.number == self.number
        if isinstance(other, (_MappedTerm, IndexedTerm)):
            return _fields(self) == _fields(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(_fields(self))

    def __repr__(self) -> str:
        return f"_MappedTerm({self.entity!r}, {self.term.text!r}, #{self.number})"


def _fields(item) -> tuple:
    return (item.entity, item.term, item.norms, item.keys, item.caps, item.uppers, item.implicit)

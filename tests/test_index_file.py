"""The mapped index file and its overlay give the same flags as the in-memory index."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from newsqa.qa import Checker, Entity, Glossary, Status, Term, load_glossary
from newsqa.qa.normalize import sound_key
from newsqa.qa.index_file import FORMAT, IndexFileError, MappedIndex, build_index
from newsqa.qa.overlay import OverlaidIndex

ROOT = Path(__file__).resolve().parent.parent
EVAL_SETS = ["dev.jsonl", "heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl"]


def cases() -> list[dict]:
    out = []
    for name in EVAL_SETS:
        out += [json.loads(line) for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines()
                if line.strip()]
    return out


def outputs(checker: Checker) -> list:
    """Everything the checker says about every eval case: flags, mentions and names in the source."""
    out = []
    for case in cases():
        source, lang = case.get("source"), case.get("source_lang")
        out.append((case["id"], checker.check(case["text"], source=source, source_lang=lang),
                    sorted(checker.mentions(case["text"])),
                    checker.source_entities(source, lang) if source else None))
    return out


@pytest.fixture(scope="module")
def seed() -> Glossary:
    return load_glossary(ROOT / "seeds" / "glossary.tbx")


@pytest.fixture(scope="module")
def mapped(seed, tmp_path_factory) -> MappedIndex:
    folder = tmp_path_factory.mktemp("index") / "seed"
    build_index(seed, folder, seed.version)
    return MappedIndex(folder)


def test_mapped_index_gives_the_in_memory_flags_on_the_eval_sets(seed, mapped):
    memory, shared = Checker(seed), Checker(index=mapped)
    assert shared.version == memory.version and shared.entity_count == len(seed)
    expected = outputs(memory)
    assert sum(len(flags) for _, flags, _, _ in expected) > 50  # the sets do flag things
    assert outputs(shared) == expected


def name_data(index) -> tuple:
    """What the name rules and the glossary step read from an index besides the lookups."""
    acronyms = {key: index.acronym(key) for key in ("hts", "sds", "ид", "sad", "сад", "maae", "nato", "zzz")}
    terms = [(it.entity, it.term.text, it.term.lang, it.norms, it.implicit) for it in index.source_terms()]
    by_length = {n: [(it.entity, it.term.text, it.norms) for it in index.source_terms(n)] for n in range(5)}
    return acronyms, terms, sorted(index.glossary_terms()), by_length


def protected(checker: Checker) -> list:
    """The glossary step's placeholders for every source sentence of the MT sets."""
    from newsqa.qa.terms import protect

    out = []
    for name in ("mt.jsonl", "mt-heldout.jsonl", "e2e.jsonl"):
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else None
            if case and case.get("source"):
                out.append(protect(checker, case["source"], case.get("source_lang")))
    for source in ("Borci Hizbulaha i snage SDS-a ušli su u Halep.", "Bešar el-Esad je pobegao, rekli su iz HTS-a.",
                   "Portparol ИД-а је рекао да САД нису реаговале."):
        out.append(protect(checker, source, "sr"))
    return out


def test_the_name_rules_read_the_same_from_both_index_kinds(seed, mapped):
    """Acronyms, the terms a variant spelling is tried against and the glossary's terms: the same
    from the file as from memory, so the glossary step and discovery agree too."""
    memory = Checker(seed)
    data = name_data(memory.index)
    assert data[0]["hts"] and data[0]["zzz"] is None and len(data[1]) > 100
    assert sum(map(len, data[3].values())) == len(data[1]) and data[3][0] == []
    assert name_data(mapped) == data
    expected = protected(memory)
    assert any(slot.how == "variant" for p in expected for slot in p.slots)
    assert protected(Checker(index=mapped)) == expected
    for acronym in ("HTS", "SDS", "SAD"):
        entity = memory.acronyms.get(acronym.lower())
        assert Checker(index=mapped).acronym_for(entity, acronym) == memory.acronym_for(entity, acronym)


def edited(seed: Glossary) -> Glossary:
    """The seed glossary after an editor's day: a term added, a name changed, one entity gone, one new."""
    glossary = copy.deepcopy(seed)
    first, second, third = list(glossary.entities)[:3]
    glossary[first].terms.append(Term("Zqxville", "en", Status.DEPRECATED))
    glossary[second].terms = [Term("Brandnew Name", "en", Status.PREFERRED)] + glossary[second].terms[1:]
    del glossary.entities[third]
    glossary.add(Entity("newcomer", "person", terms=[Term("Omar Qassemi", "en", Status.PREFERRED),
                                                     Term("Omar Kasemi", "sr-Latn", Status.PREFERRED)]))
    return glossary


def test_an_overlay_gives_what_a_rebuild_gives(seed, mapped):
    after = edited(seed)
    changed = {e: after.entities.get(e) for e in [*list(seed.entities)[:3], "newcomer"]}
    overlay = OverlaidIndex(mapped, changed, after.version)
    rebuilt = Checker(after)
    layered = Checker(index=overlay)
    assert layered.entity_count == len(after)
    assert outputs(layered) == outputs(rebuilt)
    for text in ("Zqxville said", "Omar Qassemi met Omar Qasemi", "Brandnew Nmae spoke"):
        assert layered.check(text) == rebuilt.check(text)
    assert layered.check("Omar Qasemi spoke")  # the new entity is checked at once
    mine, theirs = name_data(overlay), name_data(rebuilt.index)
    assert mine[0] == theirs[0] and mine[2] == theirs[2]
    assert sorted(mine[1]) == sorted(theirs[1])  # the same terms; an edited entity's come last
    assert {n: sorted(terms) for n, terms in mine[3].items()} == {n: sorted(terms) for n, terms in theirs[3].items()}
    assert layered.check("Omar Kasemi je rekao", source="Omar Kasemi je rekao", source_lang="sr")


def test_overlays_stack_and_later_edits_win(seed, mapped):
    after = edited(seed)
    first = list(seed.entities)[0]
    step = OverlaidIndex(mapped, {first: after[first]}, "one")
    again = copy.deepcopy(after)
    again[first].terms = [t for t in again[first].terms if t.text != "Zqxville"]
    stacked = OverlaidIndex.over(step, {first: again[first]}, "two")
    expected = Checker(Glossary({e.id: (again[first] if e.id == first else e) for e in seed}))
    assert Checker(index=stacked).check("Zqxville said") == expected.check("Zqxville said") == []
    assert outputs(Checker(index=stacked)) == outputs(expected)


def test_postings_keep_the_cap_after_an_overlay(tmp_path):
    """A word shared by many names stops anchoring at 65 (ANCHOR_CAP + 1), overlay or not."""
    def entity(i: int) -> Entity:
        return Entity(f"p{i:03d}", "person", terms=[Term(f"Hamdan Qurayshi{chr(97 + i % 26)}{i}", "en", Status.PREFERRED)])

    glossary = Glossary({e.id: e for e in map(entity, range(80))})
    build_index(glossary, tmp_path / "ix", glossary.version)
    base = MappedIndex(tmp_path / "ix")
    removed = {f"p{i:03d}": None for i in range(0, 20, 2)}
    overlay = OverlaidIndex(base, removed, "x")
    after = Glossary({k: v for k, v in glossary.entities.items() if k not in removed})
    memory = Checker(after).index
    key = sound_key("hamdan")
    got = [(item.entity, pos) for item, pos in overlay.postings.get(key)]
    assert got == [(item.entity, pos) for item, pos in memory.postings[key]]
    assert len(got) == 65


def test_a_missing_or_foreign_index_is_a_clear_error(tmp_path, seed):
    with pytest.raises(IndexFileError, match="not a glossary index"):
        MappedIndex(tmp_path / "nothing")
    build_index(seed, tmp_path / "ix", seed.version)
    meta = json.loads((tmp_path / "ix" / "meta.json").read_text())
    meta["format"] = FORMAT + 1
    (tmp_path / "ix" / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(IndexFileError, match="format"):
        MappedIndex(tmp_path / "ix")


def test_an_empty_glossary_builds_and_checks(tmp_path):
    build_index([], tmp_path / "empty", "empty")
    checker = Checker(index=MappedIndex(tmp_path / "empty"))
    assert checker.check("Netanyahu met Netanjahu", source="Netanjahu", source_lang="sr") == []
    assert checker.entity_count == 0


def test_a_duplicate_entity_id_is_refused_and_leaves_no_folder(tmp_path, seed):
    entity = next(iter(seed))
    with pytest.raises(Exception, match="duplicate entity id"):
        build_index([entity, entity], tmp_path / "dup", "x")
    assert not (tmp_path / "dup").exists() and list(tmp_path.iterdir()) == []


def test_a_build_in_worker_processes_writes_the_same_files(tmp_path, seed):
    build_index(seed, tmp_path / "one", seed.version)
    build_index(iter(seed), tmp_path / "two", seed.version, processes=2)
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir()) and len(names) > 20
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=20))
def test_a_terms_case_letters_and_bits_say_the_same(pairs):
    """_shape_of makes the stored case letters and bits in one pass, kept per pattern; both must
    hold each word's capital and all-capitals flags (bits for the first SHAPE_WORDS words)."""
    from newsqa.qa.index_file import _CAP, _UPPER, SHAPE_WORDS, _shape_of
    caps, uppers = tuple(c for c, _ in pairs), tuple(u for _, u in pairs)
    letters, bits = _shape_of(caps, uppers)
    assert tuple(c in _CAP for c in letters) == caps and tuple(c in _UPPER for c in letters) == uppers
    for j, (cap, upper) in enumerate(pairs[:SHAPE_WORDS]):
        assert bool(bits >> j & 1) == cap and bool(bits >> (j + SHAPE_WORDS) & 1) == upper
    assert bits < 1 << 2 * SHAPE_WORDS


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=st.sampled_from(list("aAbB ХхU-.")), max_size=12),
                          st.sampled_from(["en", "en-GB", "sr", "sr-Cyrl", "hr"]), st.sampled_from(list(Status))),
                max_size=5))
def test_acronyms_skip_only_terms_that_give_none(terms):
    """entity_acronyms skips a term with no capitals word and no initials to give without splitting
    it; what it yields must be what the full rule yields for every term."""
    import re
    from newsqa.qa.index import PARTICLES, entity_acronyms
    from newsqa.qa.normalize import fold
    entity = Entity("x", terms=[Term(text, lang, status) for text, lang, status in terms])
    expected = []
    for term in entity.terms:
        words = [w for w in re.split(r"[\s-]+", term.text) if w]
        if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
            expected.append(fold(words[0], term.lang))
        elif len(words) >= 2 and term.base_lang != "en" and term.status.accepted:
            initials = "".join(w[0] for w in words if w.lower() not in PARTICLES)
            if len(initials) >= 2:
                expected.append(fold(initials, term.lang))
    assert list(entity_acronyms(entity)) == expected


def _fails() -> None:
    raise OSError("disk full")


def test_a_failed_table_save_in_its_own_process_fails_the_build(tmp_path):
    """The word tables are saved in a forked process beside the builder; its failure must not be
    lost (the folder would look whole with tables missing)."""
    from newsqa.qa.index_file import _start
    wait = _start(_fails, parallel=True)
    with pytest.raises(IndexFileError, match="word tables"):
        wait()
    with pytest.raises(OSError):
        _start(_fails, parallel=False)  # run here: its error is this process's own
    done = tmp_path / "done"
    _start(done.touch, parallel=True)()
    assert done.exists()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(["a", "Ш", "\x00", "\x1f", " "]), max_size=6), max_size=8),
       st.lists(st.integers(min_value=0, max_value=2**40), max_size=8))
def test_a_batch_comes_back_from_a_worker_process_as_it_was_made(texts, numbers):
    """_shipped joins a worker's lists for the way back and _unshipped splits them: whatever the
    strings hold (the joining character itself, nothing at all), the builder files the same lists."""
    from newsqa.qa.index_file import _NUMBER_LISTS, _PAIR_TABLES, _STRING_LISTS, _shipped, _unshipped
    batch = {name: list(texts) for name in _STRING_LISTS}
    batch.update({name: list(numbers) for name in _NUMBER_LISTS})
    batch.update({name: (list(texts), list(numbers)) for name in _PAIR_TABLES})
    batch.update(variants=(list(texts), list(numbers), texts[::-1]), text=(b"x", [1]), max_len=3, heads={"a"})
    made = copy.deepcopy(batch)
    assert _unshipped(pickle.loads(pickle.dumps(_shipped(batch)))) == made


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=20))
def test_a_key_hashes_as_its_lookup_hashes_it(keys):
    """The builder hashes deletions in bulk and a lookup one at a time: both must agree."""
    from newsqa.qa.index_file import HASH_BITS, key_hash, key_hashes
    hashes = key_hashes(keys).tolist()
    assert hashes == [key_hash(k) for k in keys]
    assert all(0 <= h < 1 << HASH_BITS for h in hashes)


def _edits(key: str) -> list[str]:
    """A word key, each one-letter deletion, substitution and insertion of it (of a few letters)."""
    out = [key]
    for i in range(len(key) + 1):
        out.append(key[:i] + key[i + 1:])
        for letter in "aeksz":
            out += [key[:i] + letter + key[i + 1:], key[:i] + letter + key[i:]]
    return out


def test_near_keys_of_the_hashed_deletions_are_the_in_memory_ones(seed, mapped):
    """Every word within one deletion on either side that the in-memory index finds, the mapped
    one finds too; what else it gives (a stranger's key that shares a hash) is a glossary word."""
    memory = Checker(seed).index
    words = set(memory.postings)
    assert len(words) > 100, "the in-memory index's word keys"
    tried = 0
    for word in sorted(words):
        for probe in _edits(word)[:40]:
            expected = memory.near_keys(probe)
            got = mapped.near_keys(probe)
            assert expected <= got, probe
            assert got <= words, probe
            tried += bool(expected)
    assert tried > 500

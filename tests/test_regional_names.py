"""The shipped names of the region (seeds/regional_names.tsv.gz) and what they let pass unflagged."""

from __future__ import annotations

from hypothesis import given, strategies as st

from newsqa.qa import regional_names, seed_tables
from newsqa.qa.names import Reading, find_names, verified_word
from newsqa.qa.normalize import fold
from newsqa.qa.regional_names import RANK
from seeds.build_regional_names import REGION, rows


def test_rows_keep_names_frequent_in_a_country_of_the_region_and_fold_them():
    first = {
        "Rashdan": {"rank": {"JO": 1075}},
        "Entoni": {"rank": {"JO": RANK + 1}},       # too rare there
        "Kowalski": {"rank": {"PL": 3}},             # frequent, but not in the region
        "Özel": {"rank": {"TR": 50, "DE": 9000}},
        "Ozel": {"rank": {"TR": 80}},                # folds like Özel: the better rank stays
        "Abu Ali": {"rank": {"LB": 5}},              # not one word
        "X": {"rank": {"LB": 1}},                    # a letter, no name
    }
    last = {"Rashdan": {"rank": {"PS": 300}}, "Roumieh": {"rank": {"LB": 1063}}, "Nobody": {"rank": {}}}
    assert rows([first, last]) == [("ozel", 50), ("rashdan", 300), ("roumieh", 1063)]


@given(st.dictionaries(st.text(max_size=10), st.dictionaries(st.sampled_from(sorted(REGION) + ["PL", "US"]),
                                                             st.integers(1, 5000), max_size=3), max_size=8))
def test_rows_are_keyed_as_the_lookups_fold_and_keep_only_plain_letters(table):
    out = rows([{name: {"rank": ranks} for name, ranks in table.items()}])
    assert [name for name, _ in out] == sorted({name for name, _ in out})
    for name, rank in out:
        assert name.isascii() and name.isalpha() and name == fold(name) and len(name) >= 2
        assert 1 <= rank <= RANK


def test_the_shipped_file_holds_sorted_folded_names_with_their_ranks():
    parsed = [(n, int(r)) for n, r in seed_tables.derived_rows(regional_names.REGIONAL_NAMES)]
    assert len(parsed) > 10_000
    assert [n for n, _ in parsed] == sorted({n for n, _ in parsed})
    assert all(n == fold(n) and n.isalpha() and 1 <= r <= RANK for n, r in parsed)


def test_a_name_the_region_writes_so_is_verified_and_a_romanisation_nobody_writes_is_not():
    assert regional_names.regional_name("rashdan") and verified_word("Rashdan")
    assert not regional_names.regional_name("entoni") and not verified_word("Entoni")


def test_an_arabic_name_with_its_article_is_verified_by_the_region_s_spelling():
    source = "Gol je dao Nizar al-Rašdan."
    (name,) = find_names(source, "sr", {"Gol": Reading("common"), "Nizar": Reading("unknown"),
                                         "Rašdan": Reading("unknown")})
    assert (name.english, name.verified) == ("Nizar al-Rashdan", True)

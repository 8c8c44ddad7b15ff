"""The hand-written seed tables (qa/seed_tables.py): comments and blank lines skipped, every row
with the cells its reader takes apart."""

import pytest

from newsqa.qa import seed_tables


@pytest.mark.parametrize("name, cells", [
    ("institution_words.tsv", {2}), ("english_words.tsv", {2}), ("rivers.tsv", {2, 3}), ("demonyms.tsv", {3, 4, 5}),
    ("feature_nouns.tsv", {2}),
])
def test_every_row_of_a_hand_written_table_has_its_cells(name, cells):
    rows = list(seed_tables.rows(name))
    assert rows and all(len(r) in cells for r in rows), [r for r in rows if len(r) not in cells][:3]
    assert not any(r[0].startswith("#") or not r[0].strip() for r in rows)

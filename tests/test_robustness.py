"""Arbitrary input never crashes the checker or the parsers with anything but our own error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from newsqa.qa import GlossaryFormatError
from newsqa.qa.csv_io import read_csv
from newsqa.qa.tbx import read_tbx

# Text that looks like news about the glossary's names, with the odd hostile character.
_words = st.sampled_from(["Hashd", "al-Shabaab", "Kataib", "Hezbollah", "Sergei", "Kisel", "Kissel",
                          "Liban", "u", "Libanu", "Хути", "bin", "Salman", "the", "US", "us", "Hama",
                          "Hamas", "(", ")", ",", ".", "’s", "-", "\u200b", "\u202e", "İ", "ﬁ", "\x00"])
_texty = st.one_of(st.text(), st.lists(_words, max_size=30).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texty, source=st.none() | _texty, lang=st.sampled_from([None, "sr", "hr", "mk", "ru", "xx", ""]))
def test_checker_takes_anything(checker, text, source, lang):
    for flag in checker.check(text, source=source, source_lang=lang):
        assert 0 <= flag.confidence <= 1
        if flag.start is not None:
            assert 0 <= flag.start < flag.end <= len(text)
            assert text[flag.start:flag.end] == flag.found


@settings(max_examples=200, deadline=None)
@given(st.binary() | st.text().map(str.encode))
def test_tbx_reader_fails_only_with_format_errors(data):
    try:
        read_tbx(data)
    except GlossaryFormatError:
        pass


_tbxish = st.lists(st.sampled_from(["<tbx>", "</tbx>", "<text>", "</text>", "<body>", "</body>",
                                    "<conceptEntry id='a'>", "</conceptEntry>", "<langSec xml:lang='en'>",
                                    "</langSec>", "<termSec>", "</termSec>", "<term>", "</term>", "x",
                                    "<termNote type='administrativeStatus'>", "</termNote>",
                                    "deprecatedTerm-admn-sts", "<martif>", "<tig>", "</tig>"]), max_size=25)


@settings(max_examples=300, deadline=None)
@given(_tbxish)
def test_tbx_like_fragments_fail_only_with_format_errors(parts):
    try:
        read_tbx("".join(parts).encode())
    except GlossaryFormatError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_csv_reader_fails_only_with_format_errors(text):
    try:
        read_csv("entity_id,lang,term,status\n" + text)
    except GlossaryFormatError:
        pass

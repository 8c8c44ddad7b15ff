"""TBX 2019, TBX 2008 and CSV: reading, writing, round trips and clear errors for bad files."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from newsqa.qa import Entity, Glossary, GlossaryFormatError, Status, Term, load_glossary, save_glossary
from newsqa.qa.csv_io import read_csv, write_csv
from newsqa.qa.tbx import read_tbx, write_tbx

TBX_2019 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><titleStmt><title>Test</title></titleStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="entityType">organization</descrip>
      <descrip type="subjectField">Iraq</descrip>
      <note>An Iraqi militia.</note>
      <langSec xml:lang="en">
        <termSec><term>Kataib Hezbollah</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <termNote type="partOfSpeech">properNoun</termNote></termSec>
        <termSec><term>Katiab Hezbollah</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="sr-Cyrl">
        <termSec><term>Катаиб Хезболах</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
""".encode("utf-8")

TBX_2008 = b"""<?xml version="1.0"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descripGrp><descrip type="subjectField">Iraq</descrip></descripGrp>
      <langSet xml:lang="en">
        <tig><term>Kataib Hezbollah</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>Kata'ib Hizballah</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp></ntig>
        <tig><term>Hezbollah Brigades</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_read_tbx_2019():
    g = read_tbx(TBX_2019)
    e = g["c1"]
    assert g.title == "Test"
    assert (e.type, e.note) == ("organization", "An Iraqi militia.")
    assert e.fields == {"descrip:subjectField": "Iraq"}
    assert [(t.lang, t.text, t.status) for t in e.terms] == [
        ("en", "Kataib Hezbollah", Status.PREFERRED), ("en", "Katiab Hezbollah", Status.DEPRECATED),
        ("sr-Cyrl", "Катаиб Хезболах", Status.PREFERRED)]
    assert e.terms[0].fields == {"termNote:partOfSpeech": "properNoun"}
    assert e.preferred_english.text == "Kataib Hezbollah"


def test_read_tbx_2008_with_tig_and_ntig():
    e = read_tbx(TBX_2008)["c1"]
    assert [(t.text, t.status) for t in e.terms] == [
        ("Kataib Hezbollah", Status.PREFERRED), ("Kata'ib Hizballah", Status.ADMITTED),
        ("Hezbollah Brigades", Status.SUPERSEDED)]
    assert e.fields == {"descrip:subjectField": "Iraq"}


@pytest.mark.parametrize("dialect", ["2019", "2008"])
def test_dialects_convert_into_each_other(dialect):
    g = read_tbx(TBX_2019)
    again = read_tbx(write_tbx(g, dialect))
    assert again.entities == g.entities and again.title == g.title


def test_the_seed_glossary_reads_and_has_what_it_promises():
    g = load_glossary("seeds/glossary.tbx")
    assert len(g) >= 50
    langs = {t.lang for e in g for t in e.terms}
    assert {"en", "sr-Latn", "sr-Cyrl", "hr", "mk"} <= langs
    assert all(e.preferred_english is not None for e in g)
    assert any(t.status is Status.DEPRECATED for t in g["pmf"].terms)


# ---- round trips ----------------------------------------------------------------------------

_chars = st.sampled_from(list("abcdefghijkXYZ šđčćžŠĐабвгдђежзијклљЧЋ'’-ğışİ&<>\"=+@|!"))
_text = st.text(_chars, min_size=1, max_size=20).map(lambda s: " ".join(s.split())).filter(bool)
_term = st.builds(
    Term, text=_text, lang=st.sampled_from(["en", "sr-Latn", "sr-Cyrl", "hr", "bs", "mk", "ru"]),
    status=st.sampled_from(list(Status)),
    fields=st.dictionaries(st.sampled_from(["termNote:partOfSpeech", "termNote:termType", "note",
                                            "admin:source"]), _text, max_size=2))
_entity = st.builds(
    Entity, id=st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
    type=st.sampled_from(["person", "organization", "place", "other"]),
    note=st.none() | _text, terms=st.lists(_term, max_size=4),
    fields=st.dictionaries(st.sampled_from(["descrip:subjectField", "descrip:definition"]), _text, max_size=2))


@st.composite
def glossaries(draw):
    entities = draw(st.lists(_entity, max_size=6, unique_by=lambda e: e.id))
    return Glossary(entities={e.id: e for e in entities}, title=draw(st.none() | _text))


def grouped(g: Glossary) -> dict:
    """TBX holds terms per language: order across languages is not information, order within is."""
    out = {}
    for e in g:
        langs = list(dict.fromkeys(t.lang for t in e.terms))
        out[e.id] = (e.type, e.note, e.fields, [t for lang in langs for t in e.terms if t.lang == lang])
    return out


@settings(max_examples=60, deadline=None)
@given(glossaries(), st.sampled_from(["2019", "2008"]))
def test_tbx_round_trip_loses_nothing(g, dialect):
    again = read_tbx(write_tbx(g, dialect))
    assert grouped(again) == grouped(g)
    assert again.title == g.title


@settings(max_examples=60, deadline=None)
@given(glossaries())
def test_csv_round_trip_loses_nothing(g):
    assert read_csv(write_csv(g)).entities == g.entities


@pytest.mark.parametrize("term", ["=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "'=already"])
def test_csv_export_neutralises_formulas_and_reads_them_back(term):
    g = Glossary()
    g.add(Entity("x", "other", note="=HYPERLINK(\"http://evil\")", terms=[Term(term, "en", Status.PREFERRED)]))
    out = write_csv(g)
    cells = [cell for line in out.splitlines()[1:] for cell in line.split(",")]
    assert not any(cell.lstrip('"').startswith(("=", "+", "-", "@")) for cell in cells), out
    again = read_csv(out)
    assert again.entities["x"].terms[0].text == term and again.entities["x"].note == g.entities["x"].note


@given(st.text(max_size=12))
def test_neutralise_and_restore_are_inverse(value):
    from newsqa.qa.csv_io import FORMULA_START, neutralise, restore
    assert restore(neutralise(value)) == value
    assert not neutralise(value).startswith(FORMULA_START)


def test_an_apostrophe_that_is_part_of_a_name_is_kept():
    g = read_csv("entity_id,lang,term\nden-bosch,nl,'s-Hertogenbosch\n")
    assert g.entities["den-bosch"].terms[0].text == "'s-Hertogenbosch"


def test_save_and_load_by_suffix(tmp_path):
    g = read_tbx(TBX_2019)
    for name, fmt in [("g.tbx", None), ("g2008.tbx", "tbx2008"), ("g.csv", None)]:
        save_glossary(g, tmp_path / name, fmt)
        assert load_glossary(tmp_path / name).entities == g.entities
    assert b"<martif" in (tmp_path / "g2008.tbx").read_bytes()


# ---- bad files ------------------------------------------------------------------------------

@pytest.mark.parametrize("data, line, words", [
    (b"<tbx><text><body><conceptEntry id='a'>\n<langSec xml:lang='en'>\n</conceptEntry>", 3, "not well-formed"),
    (b"<html/>", 1, "expected <tbx>"),
    (b"<tbx><text><body>\n<conceptEntry><langSec xml:lang='en'/></conceptEntry></body></text></tbx>", 2, "no id"),
    (b"<tbx><text><body><conceptEntry id='a'>\n<langSec><termSec><term>x</term></termSec></langSec>"
     b"</conceptEntry></body></text></tbx>", 2, "xml:lang"),
    (b"<tbx><text><body><conceptEntry id='a'><langSec xml:lang='en'><termSec>\n<term>x</term>\n"
     b"<termNote type='administrativeStatus'>bogus</termNote></termSec></langSec></conceptEntry></body></text></tbx>",
     3, "unknown term status"),
    (b"<tbx><text><body><conceptEntry id='a'><langSec xml:lang='en'>\n<termSec><term> </term></termSec>"
     b"</langSec></conceptEntry></body></text></tbx>", 2, "empty <term>"),
    (b"<tbx><text><body><conceptEntry id='a'/>\n<conceptEntry id='a'/></body></text></tbx>", 2, "duplicate"),
    (b"<martif><text><body>\n<conceptEntry id='a'/></body></text></martif>", 2, "expected <termEntry>"),
])
def test_malformed_tbx_names_line_and_problem(data, line, words):
    with pytest.raises(GlossaryFormatError) as err:
        read_tbx(data, source="bad.tbx")
    assert err.value.line == line
    assert words in str(err.value) and str(err.value).startswith(f"bad.tbx:{line}:")


def test_entity_expansion_attack_is_refused():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&d;</term></termSec></langSec>
</conceptEntry></body></text></tbx>"""
    with pytest.raises(GlossaryFormatError, match="entity declarations are not allowed"):
        read_tbx(bomb)


def test_external_entity_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file://{secret}">]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&xxe;</term></termSec>
</langSec></conceptEntry></body></text></tbx>""".encode()
    with pytest.raises(GlossaryFormatError):
        read_tbx(xxe)


@pytest.mark.parametrize("text, line, words", [
    ("", 1, "header"),
    ("entity_id,term\n", 1, "missing column"),
    ("entity_id,lang,term,colour\n", 1, "unknown column"),
    ("entity_id,lang,term,status\na,en,Alpha,preferred\nb,en,Beta,favourite\n", 3, "unknown term status"),
    ("entity_id,lang,term\n,en,Alpha\n", 2, "empty entity_id"),
    ("entity_id,lang,term\na,,Alpha\n", 2, "both 'lang' and 'term'"),
    ("entity_id,entity_type,lang,term\na,person,en,A\na,place,en,B\n", 3, "other type"),
    ("entity_id,lang,term\na,en,A,extra\n", 2, "more fields"),
])
def test_malformed_csv_names_line_and_problem(text, line, words):
    with pytest.raises(GlossaryFormatError) as err:
        read_csv(text, source="bad.csv")
    assert err.value.line == line and words in str(err.value)


def test_unknown_file_kind_and_missing_file(tmp_path):
    with pytest.raises(GlossaryFormatError, match="unknown glossary format"):
        load_glossary(tmp_path / "g.json")
    with pytest.raises(GlossaryFormatError, match="cannot read"):
        load_glossary(tmp_path / "missing.tbx")
    (tmp_path / "latin1.csv").write_bytes(b"entity_id,lang,term\na,en,Caf\xe9\n")
    with pytest.raises(GlossaryFormatError, match=r"latin1.csv:2: not UTF-8"):
        load_glossary(tmp_path / "latin1.csv")

"""Name discovery as a maintainer meets it (issue 14): names with particles and case endings group,
titles and paragraph breaks stay out of names, pre-filled English names are names, each form is
tagged with its own language and script, promoted names leave the list, and bad input is an error."""

from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner

from newsqa.cli import main
from newsqa.qa.discovery import Candidate, discover, form_tag, name_spans, rendering_of
from newsqa.tasks import pipeline
from newsqa.tasks.articles import parse_article
from newsqa.tasks.discovery import candidates
from newsqa.tasks.glossary_store import GlossaryStore
from tests.test_discovery import env  # noqa: F401  (fixture: a store with processed articles)


def runs(text: str, lang: str = "sr") -> list[str]:
    return [text[r[0].start:r[-1].end] for r in name_spans(text, lang, [], set())]


def nothing_known(source, lang):
    return []


def test_a_name_with_a_particle_and_case_endings_is_one_candidate():
    items = [(1, "Danas", "Vojska je ušla u Dejr ez Zor u petak.", "sr", "", []),
             (2, "Nova", "Borci su stigli pred Дејр ез Зором у суботу.", "sr", "", []),
             (3, "Vijesti", "Napadi kod Dejr ez Zora su nastavljeni.", "sr", "", [])]
    found = discover(items, nothing_known)
    top = found[0]
    assert len(top.articles) == 3, [(c.key, dict(c.forms)) for c in found]
    assert set(top.forms) == {"Dejr ez Zor", "Дејр ез Зором", "Dejr ez Zora"}
    assert not [c for c in found if c.key in ("dejr", "zor", "zora", "zorom")]


def test_titles_are_not_part_of_names():
    assert runs("Premijer Mohamed Šia je rekao da borbe traju. Portparol Naim Kasem je to potvrdio.") == [
        "Mohamed Šia", "Naim Kasem"]
    assert runs("Премијер Мохамед Шиа је рекао да борбе трају.") == ["Мохамед Шиа"]
    assert runs("Juče je ministar Ilija Perić rekao. Generalni sekretar Ujedinjenih nacija Antonio Gutereš.") == [
        "Ilija Perić", "Ujedinjenih", "Antonio Gutereš"]


def test_a_paragraph_break_ends_a_name():
    assert runs("Sastanak je održan u Vašingtonu\n\nNaim Kasem je rekao da borbe traju.") == [
        "Vašingtonu", "Naim Kasem"]
    assert runs("Састанак у Вашингтону\nЛидер Хезболаха је говорио.") == ["Вашингтону", "Хезболаха"]


def test_pre_filled_english_names_are_names():
    assert rendering_of("hamnei", "But Hamenei spoke in Tehran.") == "Hamenei"
    c = Candidate("mohamed sia", forms=Counter({"Mohamedom Šiom": 3, "Mohamed Šia": 1}),
                  renderings=Counter({"Mohamedom Neck": 2}))
    assert c.english == "Mohamed Šia"            # "Neck" is an English word, not part of a name
    c = Candidate("naim kasem", forms=Counter({"Наим Касем": 2}), renderings=Counter({"Naim Qassem": 1}))
    assert c.english == "Naim Qassem"
    assert Candidate("naim kasem", forms=Counter({"Наим Касем": 2})).english == "Naim Kasem"
    assert Candidate("dejr ez zor", forms=Counter({"Dejr ez Zor": 1}),
                     renderings=Counter({"Дејр ез Zor": 2})).english == "Dejr ez Zor"     # Cyrillic is not English


def test_each_form_gets_its_own_language_and_script():
    assert form_tag("Наим Касем", Counter({"mk": 2})) == "mk"
    assert form_tag("Наим Касем", Counter({"hr": 3, "mk": 1})) == "mk"   # Croatian is not written in Cyrillic
    assert form_tag("Наим Касем", Counter({"hr": 3})) == "sr-Cyrl"
    assert form_tag("Naim Kasem", Counter({"sr": 2})) == "sr-Latn"
    assert form_tag("Naim Kasem", Counter({"hr": 2, "mk": 1})) == "hr"
    assert form_tag("Naim Kasem", Counter({"cnr": 1})) == "cnr-Latn"


@pytest.mark.apertium
def test_a_promoted_name_with_a_macedonian_form_leaves_the_list(env):  # noqa: F811
    store = env
    for text, lang in (("Лидерот на Хезболах Наим Касем зборуваше во Бејрут.", "mk"),
                       ("Vođa Hezbolaha Naim Kasem govorio je u Bejrutu.", "hr"),
                       ("Analitičari kažu da Naim Kasem ima podršku.", "hr")):
        pipeline.process(store, store.accept(parse_article({"text": text, "language": lang})).id)
    [found] = [c for c in candidates(store) if c.key == "naim kasem"]
    assert "Наим Касем" in found.forms
    result = CliRunner().invoke(main, ["glossary", "promote", "naim kasem", "naim-qassem", "--type", "person",
                                       "--en", "Naim Qassem"])
    assert result.exit_code == 0, result.output
    entity, _ = GlossaryStore(store).entity("naim-qassem")
    tags = {t.text: t.lang for t in entity.terms}
    assert tags["Наим Касем"] in ("sr-Cyrl", "mk") and not tags["Наим Касем"].startswith("hr")
    assert "naim kasem" not in {c.key for c in candidates(store)}


@pytest.mark.apertium
def test_candidates_say_why_the_list_is_empty(env):  # noqa: F811
    out = CliRunner().invoke(main, ["glossary", "candidates", "--min-articles", "50"])
    assert out.exit_code == 0 and "no name is used in 50 or more articles" in out.output
    assert "--min-articles 1" in out.output


@pytest.mark.apertium
def test_an_invalid_language_tag_is_refused(env):  # noqa: F811
    out = CliRunner().invoke(main, ["glossary", "add-term", "hama", "xx-Foo", "Hamah"])
    assert out.exit_code == 2 and "“xx-Foo” is not a valid language tag" in out.output
    out = CliRunner().invoke(main, ["glossary", "add-term", "hama", "sr-Foo", "Hamah"])
    assert out.exit_code == 2 and "not a valid language tag" in out.output
    assert CliRunner().invoke(main, ["glossary", "add-term", "hama", "sr-Latn", "Hamah"]).exit_code == 0

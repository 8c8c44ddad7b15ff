"""Language and script of a text, to route it to a translation pair.

langdetect (the named package) is kept for what it does well, but measured on our labelled set
(`eval/langid.jsonl`, `python eval/langid_score.py`) it has no Serbian or Bosnian, calls Serbian
Cyrillic Russian or Macedonian, and misreads short headlines. So letters and words decide first:

* Cyrillic: ђ ћ are Serbian only; ѓ ќ ѕ Macedonian only; ј љ њ џ occur in Serbian and Macedonian
  but never in Russian, Bulgarian or Ukrainian; і ї є ґ are Ukrainian; ы э ё Russian; a ъ inside a
  word is Bulgarian (Russian writes it only before е ё ю я). Function words break the remaining ties.
* Latin with South Slavic letters: Slovene and Serbo-Croatian by function words; within
  Serbo-Croatian, ekavian forms (vreme, cene, predsednik) mark Serbian, ijekavian ones (vrijeme,
  cijene, predsjednik) Croatian, Bosnian or Montenegrin, told apart by their own vocabulary
  (tisuća, tjedan: Croatian; sedmica, historija, hiljada with ijekavian: Bosnian). All of them go to the
  one Serbo-Croatian pair.
* A text whose words are mostly frequent English words is English, however short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SERBIAN_ONLY = set("ђћЂЋ")
MACEDONIAN_ONLY = set("ѓќѕЃЌЅ")
SR_MK_ONLY = set("јљњџЈЉЊЏ")
UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
RUSSIAN_ONLY = set("ыэёЫЭЁ")
SOUTH_SLAVIC_LATIN = set("čćđšžČĆĐŠŽ")
HBS = {"sr", "hr", "bs", "cnr", "sh"}

_WORD = re.compile(r"[^\W\d_]+")
SERBIAN_WORDS = {"у", "је", "су", "из", "са", "код", "који", "која", "које", "били", "био", "била", "ће", "већ",
                 "након", "после", "поново", "рекао", "године"}
MACEDONIAN_WORDS = {"во", "со", "од", "дека", "ќе", "го", "ги", "му", "кој", "која", "што", "беше", "по", "на",
                    "се", "изјави"}
SLOVENE_WORDS = {"in", "so", "bo", "bodo", "ki", "tudi", "kot", "pri", "ob", "dejal", "dejala", "včeraj", "jutri",
                 "leta", "zaradi", "prihodnji", "znova", "z", "iz", "po", "sporočila", "sporočil", "v", "otroci"}
HBS_WORDS = {"i", "su", "će", "koji", "koja", "koje", "sa", "kao", "ili", "nakon", "jučer", "juče", "sutra", "zbog",
             "ponovo", "ponovno", "godine", "godinu", "u", "ujutru", "ujutro", "rekao", "rekla", "biti", "bit"}
EKAVIAN = re.compile(r"^(vrem|cen[aeiu]|predlog|predsedn|sled|nedel|posle|mest|dec[aeiu]|dete|lep|rek[aeiu]|"
                     r"bel|reč|svet|pesm|uvek|gde|ovde|pobed|dvonedel|cel[aiou])")
IJEKAVIAN = re.compile(r"(ije|^sje|^sljed|^tjed|^mjest|^djec|^dje|^pobijed|^vrijem|^cijen|^prijedlog|^predsjedn)")
CROATIAN = re.compile(r"^(tisuć|tjed|proračun|izaslanstv|zrakoplov|zračn|kazališt|sljedeć|idući|glazb|kruh|vlak|"
                      r"povijest|znanost|obitelj|izvijest|prosvjed|obnov|ponovno)")
BOSNIAN = re.compile(r"^(sedmic|historij|saopć|hljeb)")
SERBIAN_LATIN = re.compile(r"^(saopšt|opšt|ujutru|juče$)")
SERBIAN_OR_BOSNIAN = re.compile(r"^(hiljad|budžet|naredn|ponovo|renovir)")


@dataclass(frozen=True)
class Detection:
    language: str | None
    script: str | None
    confidence: float
    note: str = ""


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def detect(text: str, declared: str | None = None) -> Detection:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return Detection(None, None, 0.0, "no letters")
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    script = "Cyrl" if cyrillic * 2 > len(letters) else "Latn"
    declared_base = declared.split("-")[0].lower() if declared else None
    words = _words(text)
    found = _cyrillic(text, words, declared_base) if script == "Cyrl" else _latin(text, words, declared_base)
    return _confirm(Detection(found[0], script, found[1]), declared_base)


def _cyrillic(text: str, words: list[str], declared: str | None) -> tuple[str | None, float]:
    chars = set(text)
    if chars & SERBIAN_ONLY:
        return "sr", 0.95
    if chars & MACEDONIAN_ONLY:
        return "mk", 0.95
    if chars & UKRAINIAN_ONLY:
        return "uk", 0.9
    serbian = sum(w in SERBIAN_WORDS for w in words)
    macedonian = sum(w in MACEDONIAN_WORDS for w in words)
    if chars & SR_MK_ONLY:
        if serbian != macedonian:
            return ("sr" if serbian > macedonian else "mk"), 0.85
        return (declared if declared in ("sr", "mk") else "sr"), 0.6
    bulgarian = len(re.findall(r"ъ(?![еёюя])", text.lower()))
    russian = len(re.findall(r"[ыэё]|ъ(?=[еёюя])", text.lower()))
    if bulgarian > russian:
        return "bg", 0.85
    if russian > bulgarian:
        return "ru", 0.85
    if serbian > macedonian:
        return "sr", 0.7
    guess = _langdetect(text)
    return guess, 0.5


def _latin(text: str, words: list[str], declared: str | None) -> tuple[str | None, float]:
    if _mostly_english(words):
        return "en", 0.9
    guess = _langdetect(text)
    slavic = bool(set(text) & SOUTH_SLAVIC_LATIN) or guess in ("hr", "sl", "bs", "sr")
    if not slavic:
        return guess, 0.7
    count = lambda pattern: sum(bool(pattern.search(w)) for w in words)  # noqa: E731
    ekavian, ijekavian = count(EKAVIAN), count(IJEKAVIAN)
    croatian, bosnian = count(CROATIAN), count(BOSNIAN)
    serbian, shared = count(SERBIAN_LATIN), count(SERBIAN_OR_BOSNIAN)
    slovene = sum(w in SLOVENE_WORDS for w in words)
    hbs = sum(w in HBS_WORDS for w in words) + croatian + bosnian + serbian + shared
    if slovene > hbs or (slovene == hbs and guess == "sl"):
        return "sl", 0.8
    if ekavian > ijekavian or (serbian and not ijekavian):
        return "sr", 0.85
    if bosnian > croatian:
        return "bs", 0.75
    if croatian > bosnian:
        return "hr", 0.75
    if ijekavian:  # ijekavian with words Serbian and Bosnian share, and nothing Croatian: Bosnian
        return ("bs" if shared else declared if declared in ("bs", "cnr", "hr") else "hr"), 0.6
    if shared:
        return "sr", 0.6
    if declared in HBS:
        return declared, 0.6
    return ("hr" if guess == "hr" else "sr"), 0.5


def _mostly_english(words: list[str]) -> bool:
    from qa.english import zipf

    if not words:
        return False
    common = sum(zipf(w) >= 3.0 and not (set(w) & SOUTH_SLAVIC_LATIN) for w in words)
    return common >= max(2, 0.7 * len(words))


def _confirm(found: Detection, declared: str | None) -> Detection:
    if declared and found.language and declared != found.language and not (
            declared in HBS and found.language in HBS):
        return Detection(found.language, found.script, found.confidence,
                         f"declared {declared}, detected {found.language}")
    return found


def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, LangDetectException, detect as ld_detect

    DetectorFactory.seed = 0  # deterministic results
    try:
        return ld_detect(text[:2000])
    except LangDetectException:
        return None

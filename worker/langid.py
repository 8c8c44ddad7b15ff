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

Where letters and words leave a choice open, a statistical detector decides among the languages still
in play: lingua (lingua-language-detector, which ships its models; Serbian Latin is not among its
models, so it only ever breaks ties between Croatian and Bosnian there), in its low-accuracy mode by
default (27 MB instead of 400 MB a worker; ``NEWSQA_LANGID_ACCURACY=high`` for the other). langdetect
is kept as the measured baseline in ``eval/langid_score.py`` and for languages outside lingua's set
here. Serbian, Croatian and Bosnian are told apart by the words of ``worker/hbs.py`` and, for every
word no marker lists, by hunspell's dictionaries of the three standards (``worker/lexicon.py``),
which also separate Slovene from Serbo-Croatian; wordfreq's word lists add Cyrillic votes. Measured
on five labelled sets in docs/pipeline.md.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsqa import config
from newsqa.worker import hbs, lexicon, openworld

SERBIAN_ONLY = set("ђћЂЋ")
MACEDONIAN_ONLY = set("ѓќѕЃЌЅ")
SR_MK_ONLY = set("јљњџЈЉЊЏ")
UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
RUSSIAN_ONLY = set("ыэёЫЭЁ")
SOUTH_SLAVIC_LATIN = set("čćđšžČĆĐŠŽ")
HBS = {"sr", "hr", "bs", "cnr", "sh"}

SERBIAN_WORDS = {"у", "је", "су", "из", "са", "код", "који", "која", "које", "били", "био", "била", "ће", "већ",
                 "након", "после", "поново", "рекао", "године"}
# Only words the other language writes differently count: both write на, се, по, од.
MACEDONIAN_WORDS = {"во", "со", "дека", "ќе", "го", "ги", "кој", "што", "беше", "изјави", "годинава"}
# Words of one Cyrillic language that the others write differently (Macedonian во/од/со, Bulgarian в/от/с).
BULGARIAN_WORDS = {"във", "от", "със", "че", "ще", "са", "този", "тази", "това", "които", "който", "която",
                   "след", "при", "беше", "бяха", "още", "какво", "днес"}
RUSSIAN_WORDS = {"что", "это", "для", "его", "она", "они", "был", "была", "были", "будет", "также", "который",
                 "которые", "здания", "сегодня", "завтра", "году", "года", "теперь"}
# Serbian words that Russian and Bulgarian do not share (у, из, после are Russian too).
SERBIAN_DISTINCT = {"су", "ће", "код", "након", "рекао", "рекла", "већ", "деца", "године", "поново"}
SLOVENE_WORDS = {"in", "so", "bo", "bodo", "ki", "tudi", "kot", "pri", "ob", "dejal", "dejala", "včeraj", "jutri",
                 "leta", "zaradi", "prihodnji", "znova", "z", "iz", "po", "sporočila", "sporočil", "v", "otroci"}
HBS_WORDS = {"i", "su", "će", "koji", "koja", "koje", "sa", "kao", "ili", "nakon", "jučer", "juče", "sutra", "zbog",
             "ponovo", "ponovno", "godine", "godinu", "u", "ujutru", "ujutro", "rekao", "rekla", "biti", "bit"}
SAMPLE = 2000  # characters detection reads: enough for a language, bounded for a huge text
SCRIPT_SAMPLE = 500  # characters whose letters decide the script
FIRST_READ = 300  # characters the dictionaries read first for Slovene or Serbo-Croatian and the standard
FINE_SAMPLE = 1000  # ... and at most, when the first read leaves them open
CLEAR_LEAD = 4  # votes ahead that settle a question after the first read
ENGLISH_WORDS = 30  # words the frequent-English-words test reads (a word's frequency costs 0.1 ms)
LINGUA_SAMPLE = 600  # characters lingua with all its languages reads (it costs about 10 ms a 600 here)
SHORT = 8  # words: fewer is a headline, where one word can tip the balance
COVERED = 0.4  # a text whose words wordfreq's best list holds less than this is in a language it lacks
CLEAR = 1.0  # orders of magnitude ahead of the runner-up: a short text's language is clear
SETTLED = 3.0  # ... and Serbo-Croatian so far ahead of Slovene that the dictionaries need not weigh them
SOUTH_SLAVIC_SHARE = 0.5
# Latin letters with diacritics that neither Slovene nor Serbo-Croatian writes; in more than
# FOREIGN_LETTERS of a text's words, the text is not theirs.
NOT_SOUTH_SLAVIC = set("áéíóúýàèìòùâêîôûäëïöüÿãõñçåæøěřůľĺŕňťďőűłąęśźżńșțşăğı")
FOREIGN_LETTERS = 0.15  # of a text's words the Slovene or Serbo-Croatian dictionaries know
UNSURE = 0.45  # below this a detection is a guess without evidence
DECLARED_WINS = 0.6  # below this a declared language that differs is trusted; above, a mismatch is clear
NO_EVIDENCE = 0.4
SCRIPT_NAMES = {"GREEK": "Grek", "ARABIC": "Arab", "HEBREW": "Hebr", "ARMENIAN": "Armn", "GEORGIAN": "Geor",
                "DEVANAGARI": "Deva", "BENGALI": "Beng", "TAMIL": "Taml", "THAI": "Thai", "HANGUL": "Hang",
                "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "CJK": "Hani", "ETHIOPIC": "Ethi", "GUJARATI": "Gujr",
                "GURMUKHI": "Guru", "TELUGU": "Telu", "KANNADA": "Knda", "MALAYALAM": "Mlym"}
# wordfreq's codes that are not ISO 639-1: Serbo-Croatian is decided further, Filipino is lingua's tl.
WORDFREQ_CODES = {"fil": "tl"}
# Every Cyrillic letter of Serbian, Macedonian, Bulgarian, Russian and Ukrainian: a text with others
# (Belarusian ў, Kazakh ә ғ қ ң ө ұ ү һ, ...) is in none of them and goes to lingua's 75 languages.
KNOWN_CYRILLIC = set("абвгдежзийклмнопрстуфхцчшщъыьэюяёђјљњћџѓќѕіїєґ")
CYRILLIC_CANDIDATES = ("sr", "mk", "bg", "ru", "uk", "be")


@dataclass(frozen=True)
class Detection:
    language: str | None
    script: str | None
    confidence: float
    note: str = ""
    mismatch: bool = False  # the declared language clearly contradicted: an event on the article


# One sentence in each script detection reads differently: enough to load every list and model it
# reaches for a South Slavic or English text.
_WARM_TEXTS = ("Vlada je u ponedeljak usvojila novi zakon o budžetu i porezima.",
               "Влада је у понедељак усвојила нови закон о буџету и порезима.",
               "Владата во понеделникот го усвои новиот закон за буџетот.",
               "The government adopted the new budget law on Monday.")


@lru_cache(maxsize=1)
def warm() -> None:
    """Load the word lists and models detection reads, once per process, before a worker takes an
    article: the first detection in a fresh process spends a second or two loading them, and a
    worker killed then would otherwise cost the article it held an attempt (docs/reliability.md)."""
    for text in _WARM_TEXTS:
        detect(text)


def _words(text: str) -> list[str]:
    return [w.lower() for w in hbs.WORD.findall(text)]


def detect(text: str, declared: str | None = None) -> Detection:
    """The language and script of ``text``. Every language first (wordfreq's lists for Latin script,
    lingua's 75 languages for the rest and for what no list covers), then the finer South Slavic
    decision. A text too short to give evidence comes back below ``UNSURE``; a ``declared`` language
    decides whenever detection is below ``DECLARED_WINS`` (and the note says so); above it, a declared
    language of another translation pair is a clear mismatch (``Detection.mismatch``)."""
    sample = text[:SAMPLE]
    letters = [c for c in sample[:SCRIPT_SAMPLE] if c.isalpha()] or [c for c in sample if c.isalpha()]
    if not letters:
        return Detection(None, None, 0.0, "no letters")
    script = _script(letters)
    declared_base = declared.split("-")[0].lower() if declared else None
    words = _words(sample)
    if script == "Cyrl":
        found = _cyrillic(sample, words, declared_base)
    elif script == "Latn":
        found = _latin_open(sample, words, declared_base)
    else:
        found = _lingua_all(sample)
    if declared_base and found[0] != declared_base and found[1] < DECLARED_WINS:
        return Detection(declared_base, script, found[1],
                         f"detection unsure ({found[0] or 'none'}, {found[1]:.2f}): declared {declared_base} kept")
    note = f"little evidence: {found[0] or 'no language'} is a guess" if found[1] < UNSURE else ""
    return _confirm(Detection(found[0], script, found[1], note), declared_base)


def _script(letters: list[str]) -> str:
    """The ISO 15924 code of the script most letters are in (Latn, Cyrl, Grek, Arab, Hebr, ...)."""
    counts: dict[str, int] = {}
    for c in letters:
        counts[_letter_script(c)] = counts.get(_letter_script(c), 0) + 1
    return max(counts, key=counts.get)


@lru_cache(maxsize=4096)
def _letter_script(c: str) -> str:
    if c < "\u0250" or "\u1e00" <= c <= "\u1eff":
        return "Latn"
    if "\u0400" <= c <= "\u052f":
        return "Cyrl"
    name = unicodedata.name(c, "")
    for word, code in SCRIPT_NAMES.items():
        if name.startswith(word):
            return code
    return "Zyyy"


def _cyrillic(text: str, words: list[str], declared: str | None) -> tuple[str | None, float]:
    chars = set(text)
    if any(c.isalpha() and "\u0400" <= c <= "\u052f" and c not in KNOWN_CYRILLIC for c in text.lower()):
        return _lingua_all(text)
    if chars & SERBIAN_ONLY:
        return "sr", 0.95
    if chars & MACEDONIAN_ONLY:
        return "mk", 0.95
    if chars & UKRAINIAN_ONLY:
        return "uk", 0.9
    listed = lexicon.cyrillic_votes(text[:FINE_SAMPLE])  # frequent words only one language's list holds
    serbian = sum(w in SERBIAN_WORDS for w in words) + listed["sr"]
    macedonian = sum(w in MACEDONIAN_WORDS for w in words) + listed["mk"]
    bulgarian_words = sum(w in BULGARIAN_WORDS for w in words) + listed["bg"]
    russian_words = sum(w in RUSSIAN_WORDS for w in words) + listed["ru"]
    if chars & SR_MK_ONLY:
        if serbian != macedonian:
            return ("sr" if serbian > macedonian else "mk"), 0.85
        if declared in ("sr", "mk"):
            return declared, 0.6
        statistical = _statistical(text, ("sr", "mk"))
        return (statistical[0], NO_EVIDENCE) if serbian == macedonian == 0 and len(words) < SHORT else statistical
    counts = {
        "bg": len(re.findall(r"ъ(?![еёюя])", text.lower())) + bulgarian_words,
        "ru": len(re.findall(r"[ыэё]|ъ(?=[еёюя])", text.lower())) + russian_words,
        "sr": sum(w in SERBIAN_DISTINCT for w in words) + listed["sr"],
        "mk": macedonian,
        "uk": listed["uk"],
    }
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked[0][1] > ranked[1][1]:
        return ranked[0][0], 0.8
    # langdetect tells Macedonian, Bulgarian, Russian and Ukrainian apart well but has no Serbian;
    # lingua has Serbian: it decides only when it finds Serbian.
    statistical = _statistical(text, CYRILLIC_CANDIDATES)
    confidence = NO_EVIDENCE if ranked[0][1] == 0 and len(words) < SHORT else 0.6
    if statistical[0] == "sr":
        return statistical[0], min(statistical[1], confidence)
    return (_langdetect(text) or statistical[0]), confidence


def _latin_open(text: str, words: list[str], declared: str | None) -> tuple[str | None, float]:
    """Latin script: which of every language, then (Serbo-Croatian or Slovene) the finer decision."""
    if _mostly_english(words[:ENGLISH_WORDS]):
        return "en", 0.9
    found = openworld.guess(text)
    if not found.words:
        return None, 0.0
    family = found.best
    # Serbo-Croatian or Slovene first: the lists' best, or within reach of it (a headline, a text of
    # rare words) with most words known to the South Slavic dictionaries.
    if family in ("sh", "sl") or (_near(found, ("sh", "sl")) and _foreign_letter_share(text) < FOREIGN_LETTERS
                                  and _south_slavic_share(text) >= SOUTH_SLAVIC_SHARE):
        return _latin(text, words, declared, found)
    if found.coverage() < COVERED and (found.words >= SHORT // 2 or not found.coverage()):
        # A language wordfreq has no list for (Albanian, Estonian, ...); lingua on a headline is a guess.
        language, confidence = _lingua_all(text)
        return language, (confidence if found.words >= SHORT else min(confidence, NO_EVIDENCE))
    language = WORDFREQ_CODES.get(family, family)
    if (found.words < SHORT and found.margin < CLEAR) or max(found.known.values()) <= 1:
        return language, NO_EVIDENCE  # a headline whose few words more than one language writes
    return language, round(min(0.95, 0.6 + 0.05 * found.margin), 3)


def _latin(text: str, words: list[str], declared: str | None, found: openworld.Guess) -> tuple[str | None, float]:
    """Slovene or Serbo-Croatian, and which standard: words, dictionaries and spelling."""
    if found.best in ("sl", "sh") and found.margin >= CLEAR:
        guess = found.best
    else:  # the word lists are not sure (a headline): lingua weighs Slovene against Croatian and Bosnian
        guess = _statistical(text, ("sl", "hr", "bs"))[0]
    # Slovene has no ć or đ; the statistical guess counts as two words' worth of evidence. With the
    # dictionaries, a word counts for Slovene or Serbo-Croatian when only that side's dictionaries
    # know it (ekavian markers such as "predlog" and "leto" are Slovene words too).
    # A long text is read in two steps: its first FIRST_READ characters, and up to FINE_SAMPLE only
    # when those leave Slovene against Serbo-Croatian, or the standard, within CLEAR_LEAD votes (each
    # new word costs up to four dictionary lookups of about 0.1 ms).
    function_slovene = sum(w in SLOVENE_WORDS for w in words) + 2 * (guess == "sl")
    function_hbs = sum(w in HBS_WORDS for w in words) + 2 * bool(set(text.lower()) & set("ćđ"))
    for size in (FIRST_READ, FINE_SAMPLE):
        sample = text[:size]
        # Slovene's dictionary is asked only when the word lists leave Slovene in sight.
        settled = found.best == "sh" and found.margin >= SETTLED
        only_slovene, only_hbs = (0, None) if settled else (lexicon.slovene_or_hbs(sample) or (0, None))
        slovene = function_slovene + only_slovene
        standard, votes = hbs.decide(sample, lexicon.hbs_votes)
        shared = function_hbs + (sum(votes.values()) if only_hbs is None else only_hbs)
        top = [n for _, n in votes.most_common(2)] + [0, 0]
        if len(text) <= size or (abs(shared - slovene) >= CLEAR_LEAD and top[0] - top[1] >= CLEAR_LEAD):
            break
    if slovene > shared or (slovene == shared and guess == "sl"):
        return "sl", 0.8
    if hbs.montenegrin(sample):  # letters and forms of Montenegrin's own spelling
        return "cnr", 0.85
    if standard:
        return standard, 0.85
    if not votes:  # no evidence: lingua knows Croatian and Bosnian, not Serbian Latin
        return (declared if declared in HBS else _statistical(text, ("hr", "bs"))[0]), 0.5
    tied = sorted(s for s, n in votes.items() if n == max(votes.values()))
    if declared in tied:
        return declared, 0.6
    if "sr" in tied:
        return "sr", 0.5  # lingua cannot weigh Serbian Latin against the others
    return _statistical(text, tuple(tied))[0], 0.5


def _near(found: openworld.Guess, languages: tuple[str, ...]) -> bool:
    """Whether one of ``languages`` is within reach of the best guess: one order of magnitude for a
    text, two for a headline, whose few words weigh little."""
    reach = CLEAR if found.words >= SHORT else 2 * CLEAR
    best = found.ranked[0][1]
    return any(best - score < reach for language, score in found.ranked if language in languages)


def _foreign_letter_share(text: str) -> float:
    """The share of a text's words, names included, with a letter Slovene and Serbo-Croatian never
    write (á ě ř ů ľ ő ü ł ș ...): a few are foreign names in a Serbo-Croatian text; many are not."""
    found = hbs.WORD.findall(text[:FINE_SAMPLE])
    return sum(bool(set(w.lower()) & NOT_SOUTH_SLAVIC) for w in found) / len(found) if found else 0.0


def _south_slavic_share(text: str) -> float:
    """The share of a text's lower-case words that the Slovene or a Serbo-Croatian hunspell dictionary
    accepts (1.0 without the dictionaries: then the letters alone decide)."""
    found = hbs.WORD.findall(text[:FINE_SAMPLE])
    words = found[:1] + [w for w in found[1:] if not w[0].isupper()]  # names inside a sentence say nothing
    if not words or not all(lexicon.available().values()):
        return 1.0 if set(text.lower()) & SOUTH_SLAVIC_LATIN else 0.0
    return sum(bool(lexicon.accepted_by(w, (lexicon.SL, lexicon.HR, lexicon.SR, lexicon.BS))) for w in words) / len(words)


def _mostly_english(words: list[str]) -> bool:
    from newsqa.qa.english import zipf

    if not words:
        return False
    common = sum(zipf(w) >= 3.0 and not (set(w) & SOUTH_SLAVIC_LATIN) for w in words)
    return common >= max(2, 0.7 * len(words))


def _confirm(found: Detection, declared: str | None) -> Detection:
    """A declared language that detection clearly contradicts (another translation pair) is noted."""
    if declared and found.language and declared != found.language and not (
            declared in HBS and found.language in HBS):
        return Detection(found.language, found.script, found.confidence,
                         f"declared {declared}, detected {found.language}", mismatch=True)
    return found


def _statistical(text: str, candidates: tuple[str, ...]) -> tuple[str | None, float]:
    """lingua's choice among ``candidates`` (ISO 639-1) and its confidence; langdetect when lingua is
    not installed or knows none of them."""
    detector = _lingua(candidates)
    if detector is None:
        return _langdetect(text), 0.5
    values = detector.compute_language_confidence_values(text[:SAMPLE])
    if not values or values[0].value == 0:
        return _langdetect(text), 0.5
    return values[0].language.iso_code_639_1.name.lower(), round(min(0.9, values[0].value), 3)


_lingua_lock = threading.Lock()


def _lingua_all(text: str) -> tuple[str | None, float]:
    """lingua's choice among all its 75 languages, on the first ``LINGUA_SAMPLE`` characters."""
    detector = _everything()
    if detector is None:
        return _langdetect(text), 0.5
    values = detector.compute_language_confidence_values(text[:LINGUA_SAMPLE])
    if not values or values[0].value == 0:
        return None, 0.0
    return values[0].language.iso_code_639_1.name.lower(), round(min(0.9, values[0].value), 3)


@lru_cache(maxsize=1)
def _everything():
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:
        return None
    builder = LanguageDetectorBuilder.from_all_languages()
    if config.LANGID_ACCURACY.get() != "high":
        builder = builder.with_low_accuracy_mode()
    with _lingua_lock:
        return builder.build()


@lru_cache(maxsize=16)
def _lingua(candidates: tuple[str, ...]):
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    except ImportError:
        return None
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in candidates
                 if hasattr(IsoCode639_1, code.upper())]
    if len(languages) < 2:
        return None
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if config.LANGID_ACCURACY.get() != "high":
        builder = builder.with_low_accuracy_mode()
    with _lingua_lock:
        return builder.build()


def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, LangDetectException, detect as ld_detect

    DetectorFactory.seed = 0  # deterministic results
    try:
        return ld_detect(text[:SAMPLE])
    except LangDetectException:
        return None

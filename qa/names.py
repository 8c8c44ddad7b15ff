"""Names the glossary does not know: found in the source, restored to the nominative, romanised for English.

Most names in an article (ministers, spokesmen, towns) are in no glossary. Left to the engine they
come out declined and in source spelling ("Entonijem Blinkenom", "Dohu"), in Cyrillic, or translated
word by word as common nouns ("Ali Hamnei" -> "But Hamenei"). This module finds them and says what
English should carry instead; ``qa.terms`` protects them through the engine with placeholders and the
checker flags what is left.

* **Finding.** Capitalised word sequences, with name particles between them (el, al, bin, ibn,
  abu ...), and acronyms with their case endings (HTS-om, SDS-a). A sentence's first word counts
  only when the analyser (Apertium's morphology, :class:`Reading`) calls it a proper noun or does
  not know it: "Pobunjenici" starts a sentence, "Blinken" may too; a word that ends a full name
  elsewhere in the article is a name wherever it stands (Timčo Mucunski ... Mucunski pozvao). A sequence made only of words the
  analyser knows as ordinary words ("Crvenom moru", "Ujedinjene nacije") is left to the engine, which
  translates such names.
* **Lemma.** The analyser's lemma where it knows the word; otherwise candidate nominatives from the
  endings (-om, -em, -ijem, -a, -e, -i, -u; possessive -ov/-ev/-in + adjective ending), chosen by:
  another mention in the same article written that way, then how often English text uses the
  romanised candidate (wordfreq), then whether the word needed no change.
* **House style** (``NEWSQA_NAME_STYLE``, :func:`romanise`). South Slavic names stay in Latin script
  with their diacritics (``diacritics``, the default) or without (``ascii``: Vučić -> Vucic, Đurić ->
  Djuric). Other names were written the Serbian way and are restored by the usual correspondences:
  dž -> j, đ -> j, š -> sh, č/ć -> ch, ž -> zh, j -> y, el/al -> al-. A name is South Slavic when
  it ends like one (-ić, -ski, -ska, -cki) or the analyser knows it as a proper noun with no other
  English form.
* **Countries and areas.** A country is looked up wherever a name stands (``qa.countries``: Katar,
  Ujedinjenih Arapskih Emirata), a city only in a place's context (``qa.gazetteer``); a capitalised
  adjective before an area noun names an area by its city (``qa.regions``: Donjecke oblasti ->
  Donetsk region).
* **Verified.** A romanised name is verified when every word of it is attested in English text
  (wordfreq), is an East Slavic surname or a coined company name (:func:`verified_word`), is written
  in the source, in its nominative, with a letter no South Slavic alphabet has (Uraloğlu, Sewilam: the
  outlet copied the name's own spelling), or the
  analyser's bilingual dictionary gives its English; otherwise the checker's
  ``unverified-name`` rule flags it. Where English attests a word that sounds the same (the sound key
  of ``qa.normalize``, plus v/w) and the romanisation is not attested, that spelling is used
  ("Grosi" -> "Grossi"), unless English writes it only in lower case (Litani is no "Litany").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Mapping

import newsqa.qa.countries as countries
import newsqa.qa.demonyms as demonyms
import newsqa.qa.feasts as feasts
import newsqa.qa.gazetteer as gazetteer
import newsqa.qa.given_names as given_names
import newsqa.qa.home_names as home_names
from newsqa.qa.institutions import head_nouns, proper_adjective
import newsqa.qa.regional_names as regional_names
import newsqa.qa.regions as regions
import newsqa.qa.rivers as rivers
import newsqa.qa.saints as saints
import newsqa.qa.seed_tables as seed_tables
import newsqa.qa.wordnet as wordnet
from newsqa.qa.english import english_name, lower_case_only, name_only, zipf
from newsqa.qa.normalize import Token, fold, has_cyrillic, sentence_start, sound_key, to_latin, tokenize

# Lower-case words that join the parts of one name (Hamad bin Jassim, Abdul Malik el Huti).
PARTICLES = frozenset({"el", "al", "ez", "es", "ed", "ad", "as", "ash", "ul", "bin", "ibn", "bint", "abu", "ben",
                       "ал", "ел", "бин", "ибн", "абу", "ез"})
# Particles only Arabic names have (all but ul and ben): a name with one is Arabic, whose sounds English
# writes as Arabic's.
_ARABIC_PARTICLES = PARTICLES - {"ul", "ben"}
# Oblique endings: a word ending so is not a nominative (Blinkenom, Aragčijem, Sinvarovu).
_OBLIQUE = ("om", "em", "ijem", "ovu", "ovoj", "ovom", "ovog", "ovoga", "ovim", "ovih", "evu", "evom", "evog",
            "inu", "inom", "inog")
_NOUN_ENDINGS = ("ijem", "ija", "iju", "om", "em", "a", "e", "i", "u")
# Croatian's own transliteration of a name from Cyrillic, Armenian or Arabic writes j for English y
# (Percovskij, Harutjunjan, Grigorjan, Sergej): such a name is not in its own spelling.
# Not dj (French's Arabic: Abdelmadjid) nor a final nj or lj (Slunj, a Croatian town).
_CROATIAN_J = re.compile(r"(?<=[bcfghkmprstvz])j|(?<=[ln])j\B|(?<=[aeiou])j\b", re.IGNORECASE)
# Letters no South Slavic alphabet has: a name written with one is in its own spelling (Abiy Ahmed).
_FOREIGN_LETTERS = re.compile(r"[qwxyQWXYäöüÄÖÜğĞşŞșȘțȚăĂâÂîÎåÅøØæÆ]")
# Letter groups a South Slavic spelling by ear never writes: a name written with one in a Latin-script
# source is the name's own spelling (Brammertz, Poczobut, Minervagracht, Hafeet), as one with ğ is
_FOREIGN_SPELLING = re.compile(r"tz|sch|ph|cz|sz|ee|oo|([bdfgklmnprstvz])\1", re.IGNORECASE)
# Words that are no noun a possessive adjective could stand before (Kišinjev i Kijev, Zijin zbog).
_NO_NOUN = frozenset({"i", "a", "ali", "ili", "pa", "te", "je", "su", "se", "da", "sto", "koji", "koja", "koje", "kao",
                      "zbog", "nego", "vec", "jos", "ce", "bi", "nije", "nisu", "li", "ni", "ne"})
_DECLINED_IC = re.compile(r"ić(?:a|u|em|om|e)$")  # lower case: a South Slavic surname in a case
_POSSESSIVE = re.compile(r"(?:ov|ev|in)(?:a|o|e|i|u|og|oga|om|ome|oj|im|ima|ih)?$")
_CASE_ENDING = re.compile(r"^[-‐‑](?:a|u|om|em|e|i|ov|ovi|ova|ove|ovima|ima|ju|ja|ot|ta|то|от|та|а|у|ом|ем|е|и)$",
                          re.IGNORECASE)
# Words after which a name of one word is a place: prepositions of place (u Tiru, iz Rafe, kod Hasake,
# во Бејрут) and nouns for places (grada Tira, luka Hodeida, kamp Džabalija).
_PLACE_PREPOSITIONS = frozenset({"u", "na", "iz", "kod", "blizu", "do", "oko", "pored", "kraj", "ka", "k", "prema",
                                 "preko", "kroz",  # via, through: od Zagvozda preko Posušja
                                 "između",  # between: između Karlovca i Oštarija
                                 "sjeverno", "južno", "severno", "istočno", "zapadno", "vo", "kon", "kaj", "nadvor"})
_PLACE_NOUN = re.compile(r"^(?:grad|luk|luc|sel|kamp|logor|region|regij|pokrajin|provincij|oblast|prelaz|prijelaz"
                         r"|prestonic|prijestolnic|pristaništ|naselj|okrug|okolin|gradonačelni[kc]|gradonačalni[kc]"
                         r"|otok|otoc|ostrv|ostrov)"  # an island: na otoku Krku, ostrvo Hark
                         # the endings, Macedonian's articles among them (selata, gradovite)
                         r"(?:a|e|i|u|o|om|ima|ama|ot|ta|to|ov|ovi|ata|ite|oto|iot|ovite)?$")
_AND = frozenset({"i", "ili", "te", "pa"})
# An adjective in the feminine dative or locative (talijanskoj, sofijskoj, njegovoj): the name after it
# is in that case too, and the two cases share their endings. Not the nouns in -oj (stroj, broj).
_FEMININE_ADJECTIVE = re.compile(r"[a-zčćšžđ]{3,}oj")
_OJ_NOUNS = frozenset({"stroj", "sloj", "znoj", "gnoj", "kroj", "uboj", "razvoj", "pokoj", "nemoj", "spokoj", "dvoboj",
                       "napoj", "zastoj", "postoj", "nastoj"})
_INNER_CAPITAL = re.compile(r"(?<=[a-zčćšžđ\u0430-\u045f])[A-ZČĆŠŽĐ\u0400-\u042f]")
# Source-language acronyms and their English (international organisations an article names).
ACRONYMS: dict[str, str] = {
    "MAAE": "IAEA", "МААЕ": "IAEA", "SZO": "WHO", "СЗО": "WHO", "OUN": "UN", "ОУН": "UN", "ОН": "UN",
    "UN": "UN", "УН": "UN", "EU": "EU", "ЕУ": "EU", "НАТО": "NATO", "NATO": "NATO", "MKCK": "ICRC", "МКЦК": "ICRC",
    "MKS": "ICC", "МКС": "ICC", "MMF": "IMF", "ММФ": "IMF", "OEBS": "OSCE", "ОЕБС": "OSCE", "UNIFIL": "UNIFIL",
    "УНИФИЛ": "UNIFIL", "UNRWA": "UNRWA", "UNHCR": "UNHCR", "UNICEF": "UNICEF",
    "ОБСЕ": "OSCE", "OBSE": "OSCE", "OESS": "OSCE",  # Macedonian's and Croatian's OSCE
    "MKSJ": "ICTY", "МКСЈ": "ICTY",  # the Hague tribunal for the former Yugoslavia
    "MOK": "IOC", "МОК": "IOC", "OPEK": "OPEC", "ОПЕК": "OPEC",
    # Kurdish parties and militias, whose Y Serbian Cyrillic writes Ј
    "ЈПГ": "YPG", "ЈПЈ": "YPJ", "ПЈД": "PYD",
}
STYLES = ("diacritics", "ascii")
SOUTH_SLAVIC_COUNTRIES = frozenset({"RS", "HR", "BA", "ME", "MK", "SI", "XK"})
_SOUTH_SLAVIC_LETTERS = re.compile(r"[čćšžđČĆŠŽĐ]")
MIN_ATTESTED = 1.0   # a word English text uses at least this often (zipf) is taken as spelt right
OWN_NAME, OWN_MARGIN = 2.5, 1.0  # zipf: a name English writes as the source does (Hamburg 3.6), and far
# more often than as the analyser's dictionary gives it (Hambourg 1.0): the source's spelling stands
SHORT_MARGIN = 1.2  # zipf: a spelling of a word of three letters English attests must be this much commoner
ORDINARY = 4.0       # zipf: a word this frequent (pants, about once in 10,000 words) is no name's spelling
COINED_HEAD, COINED_TAIL = 2.0, 3.5  # zipf: the parts of a coined company name (Mak + petrol, Yugo + import)


@dataclass(frozen=True)
class Reading:
    """What the analyser says about one source word: ``np`` (a proper noun, with its lemma, case and
    English where its bilingual dictionary has one), ``common`` (an ordinary word), ``unknown``."""

    kind: str
    lemma: str | None = None
    case: str | None = None
    english: str | None = None
    frequent: bool = False  # unknown to the analyser but a frequent word of the language in lower case
    place: bool = False  # a proper noun the analyser tags a place (<top>): Beograd, Priština


@dataclass(frozen=True)
class Name:
    """A name found in a source text (span in the source) and the English that should stand for it."""

    start: int
    end: int
    text: str
    lemma: str           # nominative, Latin script
    english: str         # house-style English
    owner: bool          # a possessive adjective (Sinvarovu poruku -> Sinwar's message)
    acronym: bool
    slavic: bool
    verified: bool
    parts: tuple[str, ...]  # the source words' Latin nominatives, for matching renderings
    place: str | None = None  # the country of the city GeoNames names so (qa.gazetteer)
    people: bool = False  # a demonym noun (Palestinci), whose English is the word qa.demonyms gives

    def to_dict(self) -> dict:
        return {"source": self.text, "lemma": self.lemma, "english": self.english, "verified": self.verified}


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "dj").replace("Đ", "Dj")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_FOREIGN = {"dž": "j", "đ": "j", "š": "sh", "č": "ch", "ć": "ch", "ž": "zh", "j": "y"}
_FOREIGN_RE = re.compile("dž|[đščćžj]", re.IGNORECASE)


def _foreign(m: re.Match) -> str:
    found = m.group(0)
    out = _FOREIGN[found.lower()]
    return out.capitalize() if found[0].isupper() else out


# folded: the -oğlu of Turkish surnames ("son of"), also in a case the lemma guess left (Imamogluu)
_TURKISH_SURNAME = re.compile(r"^[a-z]{3,}oglu(?:a|u|om|e)?$")
_TURKISH = {"dž": "c", "č": "ç", "ć": "ç", "š": "ş", "ž": "j", "j": "y", "đ": "c"}
_TURKISH_RE = re.compile("dž|[čćšžjđ]", re.IGNORECASE)


def _turkish(word: str) -> str:
    """A Turkish name written the Serbian way in Turkish letters (Čavušoglu -> Çavuşoğlu, Tundžer ->
    Tuncer). Turkish ı and a ğ elsewhere than -oğlu cannot be told from i and nothing; English writes
    many Turkish names without them (Haciosmanoglu), so they are left out."""
    def letter(m: re.Match) -> str:
        out = _TURKISH[m.group(0).lower()]
        return out.upper() if m.group(0)[0].isupper() else out
    # (after two letters: dž is one, Adžoglu -> Acoğlu)
    return re.sub(r"(?<=\w{2})oglu(?:a|u|om|e)?$", "oğlu", _TURKISH_RE.sub(letter, word))


def _turkish_name(lemmas: list[str], style: str) -> str | None:
    """A name with a Turkish surname in -oglu (Uraloglu, Čavušoglu, Hadžiosmanoglu) in Turkish letters,
    by the house style (without marks for ``ascii``); None for any other name. Turkish writes the
    sounds of Serbian č, š, dž, j with ç, ş, c, y, so its own spelling comes back letter for letter."""
    if not any(_TURKISH_SURNAME.search(fold(lem, "sr")) for lem in lemmas):
        return None
    turkish = " ".join(_turkish(lem) for lem in lemmas)
    return strip_diacritics(turkish) if style == "ascii" else turkish


def romanise(lemma: str, slavic: bool, style: str = "diacritics") -> str:
    """A nominative in Latin script as English writes it, by the house style (see the module doc).

    >>> romanise("Abas Aragči", False), romanise("Abdul Malik el Huti", False), romanise("Đurić", True, "ascii")
    ('Abas Aragchi', 'Abdul Malik al-Huti', 'Djuric')
    """
    if slavic:
        return strip_diacritics(lemma) if style == "ascii" else lemma
    text = _FOREIGN_RE.sub(_foreign, lemma)  # one pass: dž -> j must not go on to y
    text = re.sub(r"\b[Ee]l[\s-]+(?=\w)", "al-", text)
    # the article assimilated to a sun letter (as-Sidik, eš-Šaab, ad-Dauha) is written al- as English
    # news writes it (Abu Bakr al-Siddiq); only hyphened, as Dar es Salaam's es is no article
    text = re.sub(r"\b[AaEe](?:sh|[dnrstz])-(?=\w)", "al-", text)
    text = re.sub(r"\b[Aa]l\s+(?=[A-Z])", "al-", text)
    return text


@lru_cache(maxsize=1)
def _english_index() -> dict[str, tuple[str, float]]:
    """Name sound key -> the most frequent English word with it (wordfreq's English list)."""
    import math

    from wordfreq import get_frequency_dict

    index: dict[str, tuple[str, float]] = {}
    for word, freq in get_frequency_dict("en").items():
        z = math.log10(freq * 1e9) if freq > 0 else 0.0
        if z < 1.3 or len(word) < 4 or not word.isalpha() or not word.isascii():
            continue
        key = name_key(word)
        if key not in index or index[key][1] < z:
            index[key] = (word, z)
    return index


def name_key(folded: str) -> str:
    """A looser sound key for names: v and w, k and q, final -h after a vowel merge."""
    key = sound_key(folded).replace("v", "w").replace("k", "q")
    return re.sub(r"(?<=[aeiou])h$", "", key)


def attested(word: str) -> bool:
    return zipf(fold(word)) >= MIN_ATTESTED


# A Russian, Ukrainian or Bulgarian surname (Lavrov, Kostyukov, Umerov, Petrova, Kovalenko, Tkachuk)
# romanised by the house style: Serbian writes it letter for letter from Cyrillic, and undoing the
# Serbian letters (j -> y, č -> ch, š -> sh, ž -> zh) gives the English spelling, except where Serbian
# h stands for х (English kh: Terehov for Terekhov), c for ц (ts) and nj, lj for a soft н, л (Rešetnjikov
# for Reshetnikov, Tjurdenjev for Tyurdenev): those stay unverified.
_EAST_SLAVIC_SURNAME = re.compile(r"^[a-z]{3,}(?:ov|ev|yov|ova|eva|enko|chuk|yuk)$")


# A company named, as Soviet and Yugoslav industry named its firms, by running together the short
# words of its trade and country (Ukrenergo, Ukrtransgaz, Bulgartransgaz, Energoinvest, Elektrosever,
# Centrenergo, Turkmengaz): the name is that string in every alphabet, so its romanisation is its
# English. "gas" is not one of the parts: Serbian's Naftogas is Naftogaz in English.
_INDUSTRIAL = re.compile(r"(?:ukr|bulgar|turkmen|uzbek|kazakh|azer|ros|rus|centr|energo|elektro|atom|gaz|trans|neft|"
                         r"naft|prom|invest|sever|jug|agro|telekom|stroj|tehno){2,}")


# A surname Croatian transcribed from Cyrillic (Ahmetov, Sudakov, Matvijenko, Ivanova, Tkačuk): its
# own spelling is Cyrillic, so Croatian's is a transcription like Serbian's, not the name's spelling.
_CYRILLIC_SURNAME = re.compile(r"^[a-z]{3,}(?:ov|ev|jov|ova|eva|enko|cuk|juk)$")


def _from_cyrillic(lemmas: list[str]) -> bool:
    """Whether a name of two words or more ends in a surname Croatian transcribed from Russian,
    Ukrainian or Bulgarian Cyrillic (Rinat Ahmetov, Georgij Sudakov): such a name is romanised and
    checked as a Serbian source's is (Akhmetov is flagged, Sudakov verified), not kept as the
    outlet's copy of its own spelling, which it is for Joseph Aoun or Michael Kurilla."""
    words = [w for w in lemmas if w.lower() not in PARTICLES]
    return len(words) >= 2 and bool(_CYRILLIC_SURNAME.match(fold(words[-1])))


def verified_word(word: str) -> bool:
    """Whether a house-style word of a name may be taken as spelt as English writes it: English text
    attests it, it is an East Slavic surname with no letter whose English is ambiguous, or it is a
    company's coinage of a known word and a common English one (Makpetrol, Jugoimport -> Yugoimport):
    such a name is written as the company writes it, not romanised from another language."""
    if attested(word):
        return True
    folded = fold(word)
    east_slavic = _EAST_SLAVIC_SURNAME.match(folded)
    ambiguous = re.search(r"(?<![csz])h|c(?!h)|[nl]y[ei]", folded)
    if regional_names.regional_name(folded) and not (east_slavic and ambiguous):
        # a name the region's people write so (al-Rashdan, Aliabadi): qa.regional_names; not a Russian
        # surname whose h or c English writes otherwise, however the region's list has it (Rihova)
        return True
    if east_slavic and not ambiguous:
        return True
    if _INDUSTRIAL.fullmatch(folded):
        return True
    return len(folded) >= 8 and any(zipf(folded[:k]) >= COINED_HEAD and zipf(folded[k:]) >= COINED_TAIL
                                    for k in range(3, len(folded) - 4))


def _verified_article_word(word: str) -> bool:
    """An Arabic name's word with its article (al-Sadr, al-Rashdan) whose rest English text attests or
    the region's people write so (qa.regional_names)."""
    return word.startswith("al-") and (attested(word[3:]) or regional_names.regional_name(fold(word[3:])))


def english_spelling(word: str, source: str | None = None, arabic: bool = False) -> str | None:
    """An English spelling of a romanised name word that sounds the same and that English text uses
    where the romanisation is unattested or far rarer (Grosi -> Grossi, Husein -> Hussein, Kac -> Katz;
    Tramp -> Trump, :func:`_strut_spelling`)."""
    return _same_sound(word, source, arabic) or (None if arabic else _strut_spelling(word))


STRUT_NAME = 3.0  # zipf: a name English writes this often (Trump 4.9, Hunter 4.4, Butler 4.1)
STRUT_MARGIN = 1.0  # zipf: ... and this much more often than the romanisation (tramp 3.2)


def _strut_spelling(word: str) -> str | None:
    """The English name whose u Serbian and Macedonian write a, as they write the vowel of "cut":
    Tramp, Трамп -> Trump, Hanter -> Hunter, Batler -> Butler, Rasel -> Russell.

    Only where the romanisation is no name English writes (unattested, or an ordinary word English
    writes only in lower case: tramp), and the u spelling is one English writes with a capital, often
    (STRUT_NAME) and far more often than the romanisation (STRUT_MARGIN). Not in an Arabic name, whose
    a is Arabic's a (the caller decides)."""
    folded = fold(word)
    own = zipf(folded)
    if len(folded) < 4 or (own >= MIN_ATTESTED and not lower_case_only(folded)):
        return None
    best: tuple[str, float] | None = None
    for i, ch in enumerate(folded):
        for vowel in ("u", "ou") if ch == "a" else ():  # Douglas: Daglas
            variant = folded[:i] + vowel + folded[i + 1:]
            found = _english_index().get(name_key(variant))
            # the same letters but the vowel and doubled ones (Russell: Rasel); not Rudy for Radiy
            if found and _undoubled(found[0]) == _undoubled(variant) and english_name(found[0]) \
                    and found[1] >= max(STRUT_NAME, own + STRUT_MARGIN) and (best is None or found[1] > best[1]):
                best = found
    return best[0].capitalize() if best else None


def _undoubled(folded: str) -> str:
    return re.sub(r"(.)\1", r"\1", folded)


def _same_sound(word: str, source: str | None = None, arabic: bool = False) -> str | None:
    folded = fold(word)
    own = zipf(folded)
    if len(folded) < 3:
        return None
    found = _english_index().get(name_key(folded))
    if found is None or found[0] == folded:
        return None
    if len(folded) < 4 and own >= MIN_ATTESTED and found[1] < own + SHORT_MARGIN:
        return None  # Tel stays Tel; Kac is Katz, which English writes far more often
    if own >= MIN_ATTESTED and found[1] < own + 0.8:
        return None
    if found[1] < 1.3 or (found[1] >= ORDINARY and not (name_only(found[0]) and _undoubled(found[0]) == folded)):
        # a very frequent English word is an ordinary word, not a spelling of a name (Pants), unless
        # English writes it only as a name, and it is the romanisation with the double letters Serbian
        # drops (Benet -> Bennett; not Dani -> Danny)
        return None
    if arabic and "p" in found[0] and "p" not in folded:
        return None  # Arabic has no p: el Fašer is al-Fasher, not "Phaser"
    if (found[0].count("h") < folded.count("h") or len(re.findall(r"(.)\1", found[0])) < len(re.findall(r"(.)\1", folded))) \
            and (arabic or source is None or found[0] != fold(source)):
        # a spelling adds letters English writes (Grosi -> Grossi, Husein -> Hussein) but drops no h nor a
        # double letter: Balah is no "Bala", Hajja no "Haya", Asajiš no "Assays". Only the source's own
        # letters less their marks may drop the house style's h (Štadler -> Stadler, Čelik -> Celik),
        # and not in an Arabic name, whose sh is English's too (Ajta eš Šaab: al-Shaab, not "Saab")
        return None
    if lower_case_only(found[0]) and _undoubled(found[0]) != folded:
        # nor is a word English writes only in lower case (Litany for Litani, Sash for Šas), unless it
        # is the name with the double letters Serbian drops (Siner -> Sinner, Galant -> Gallant)
        return None
    if given_names.common_given_name(folded) and not given_names.common_given_name(found[0]) \
            and not gazetteer.known(found[0].capitalize()):
        # Majid is no "Maid", Fatih no "Fatty": a given name is spelt as one (Husein -> Hussein); a
        # city's name may sound like one (Rijad, Riyad, is Riyadh)
        return None
    return found[0].capitalize()


# ---- finding -----------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def frequent_word(word: str, lang: str | None) -> bool:
    """A word the language writes often in lower case (Posebni, Premijer opening a sentence), by
    wordfreq's South Slavic lists: a capital there says only that a sentence starts."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word.lower(), "mk" if lang == "mk" else "sh") >= 3.8
    except LookupError:
        return False


# Adjectives in front of their noun (possessives of names, -ov/-ev/-in, are names' business).
_ADJECTIVE = re.compile(r"(?:sk|ck|čk|šk|n|j)(?:i|a|e|o|u|og|om|oj|im|ih|ima)$")


# A Macedonian noun with its definite article (Контролорот, Портпаролот, Жителите): opening a sentence
# before a name, an ordinary word, as no person's given name ends so.
_MK_ARTICLE = re.compile(r"\w{4,}(?:от|ото|ите)$")


def _reading(analyses: Mapping[str, Reading] | None, word: str) -> Reading:
    if analyses is None:
        return Reading("unknown")
    return analyses.get(word) or Reading("unknown")


def find_names(text: str, lang: str | None, analyses: Mapping[str, Reading] | None = None,
               skip: Iterable[tuple[int, int]] = (), style: str = "diacritics",
               known_word: Callable[[str, str | None], bool] | None = None) -> list[Name]:
    """Every name in ``text`` outside the ``skip`` spans (the glossary's), in order.

    ``analyses`` maps each word as written to the analyser's reading; without it, every capitalised
    word not starting a sentence is a name candidate, and a sentence's first word of a longer
    sequence is one unless the language writes it often in lower case or ``known_word`` (a
    dictionary of the language) knows it.
    """
    skip = list(skip)
    skip += [(a, b) for a, b, _ in head_nouns(text, lang, skip)]  # Skupština, Tužilaštva: an institution's noun
    skip += [(a, b) for a, b, _ in regions.compass_regions(text, lang)]  # Bliskom istoku: the Middle East
    skip += [(a, b) for a, b, _ in feasts.feasts(text, lang)]  # Božića, Roš Hašane: feasts, no persons
    tokens = [t for t in tokenize(text, lang) if not any(a < t.end and t.start < b for a, b in skip)]
    surnames = _surnames(text, tokens, lang)
    found: list[Name] = []
    cases: dict[int, str | None] = {}  # the case each name was read in, by the name's end
    contexts: set[int] = set()  # the ends of names read in a place's context (kod Kostolca, found or not)
    i = 0
    while i < len(tokens):
        t = tokens[i]
        model = _model_at(text, t)
        if model is not None:
            found.append(_model(text, model, lang))  # Ми-24, С-400, Су-35С: a model's designation
            while i < len(tokens) and tokens[i].start < model.end():
                i += 1
            continue
        regnal = _regnal(text, tokens, i, lang)
        if regnal is not None:  # Lav XIV, patrijarh Vartolomej I: Leo XIV, Bartholomew I
            found.append(regnal)
            i += 2
            continue
        if t.upper and len(t.text) >= 2:
            found.append(_acronym(text, tokens, i))
            i += 1
            continue
        if not t.cap:
            i += 1
            continue
        people = _people(t, lang)
        if people is not None and i + 1 < len(tokens) and tokens[i + 1].cap and _joined(text, t, tokens[i + 1]) \
                and given_names.given_name(fold(romanise(to_latin(t.text, lang or "sr"), False))):
            people = None  # a people's name that is a given name too, before a surname: Jazid Abu Laila (Yazid)
        if people is not None:
            # a people's noun (Palestinci, Kurdima, Евреите): its English is a word, not a romanisation,
            # and it starts no longer name (Palestinci Gaze: the Palestinians of Gaza)
            found.append(Name(t.start, t.end, text[t.start:t.end], to_latin(t.text, lang or "sr"), people,
                              False, False, False, True, (fold(to_latin(t.text, lang or "sr"), lang),), people=True))
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and _joined(text, tokens[j - 1], tokens[j]) \
                and not (_people(tokens[j], lang) and not _given_before(tokens[j - 1], lang)) \
                and not _model_at(text, tokens[j]) and _regnal(text, tokens, j, lang) is None:
            if tokens[j].cap and not tokens[j].upper:
                j += 1
            elif _english_words().get(fold(to_latin(tokens[j].text, lang or "sr"), lang)) \
                    and not _ADJECTIVE.search(fold(to_latin(tokens[j - 1].text, lang or "sr"), lang)):
                # an English word written as heard, in lower case, ends a company's name (Katar ervejz);
                # not after an adjective, which the engine translates (Irački erlajns: Iraqi Airlines)
                j += 1
            elif tokens[j].norm in PARTICLES and j + 1 < len(tokens) and tokens[j + 1].cap \
                    and _joined(text, tokens[j], tokens[j + 1]):
                j += 2
            else:
                break
        area = _region(text, tokens, i, j, lang)
        if area is not None:
            found.append(area)  # Donjecke oblasti -> Donetsk region
            i = next((k for k in range(i, len(tokens)) if tokens[k].start >= area.end), len(tokens))
            continue
        words = tokens[i:j]
        readings = [_reading(analyses, w.text[w.word_start - w.start:]) for w in words]
        if i > 0 and not tokens[i - 1].cap and fold(tokens[i - 1].text, lang) in ("el", "al") \
                and text[tokens[i - 1].end:t.start] == " " and not any(n.end > tokens[i - 1].start for n in found):
            # a name opened by its Arabic article in lower case, as Serbian writes it inside a sentence
            # (ел Хаја је победио): the article is the name's (al-Hayya), not a word left as "el"
            words, readings = [tokens[i - 1]] + words, [Reading("unknown")] + readings
            article = 1
        else:
            article = 0
        # a big city by one of its nominatives, wherever it stands (Vašington je, optužio je Vašington):
        # the capital standing for its government needs no preposition of place
        opening = sentence_start(text, t.start)
        unknown_city = len(words) == 1 and readings[0].kind == "unknown" \
            and _unknown_city(to_latin(t.text, lang or "sr"), inside=not opening)
        if opening and (len(words) > 1 and countries.declined(
                " ".join(to_latin(w.text, lang or "sr") for w in words)) or _unknown_country(words, readings, lang)):
            pass  # a country's name opens the sentence: Sjeverna Makedonija je ..., Indonezija je ...
        elif opening and t.norm not in surnames and (analyses is None and (
                len(words) == 1 or frequent_word(words[0].text, lang)
                or (known_word is not None and known_word(to_latin(words[0].text, lang or "sr"), lang)))
                                               or readings[0].kind == "common"
                                               or (readings[0].frequent and not unknown_city
                                                   and not _given_name_opening(words, lang))
                                               or (lang == "mk" and len(words) > 1 and _MK_ARTICLE.search(t.text))):
            words, readings = words[1:], readings[1:]  # a sentence's first word, an ordinary one
            while words and words[0].norm in PARTICLES:
                words, readings = words[1:], readings[1:]
            if len(words) == 1 and readings[0].kind == "unknown":  # Ako Budimpešta ne uskladi: inside it
                unknown_city = _unknown_city(to_latin(words[0].text, lang or "sr"), inside=True)
        after = tokens[j] if j < len(tokens) else None
        # words is the end of tokens[i:j] (a first word may have been dropped): its first is token j - len
        # (the word before the name's own first word, not before its article: a preposition two words
        # back is another name's, u Pojasu Gaze, el Haja)
        context = bool(words) and (unknown_city or _place_context(text, tokens, j - len(words) + article, found,
                                                                 lang, contexts))
        if len(words) == 1 and readings[0].kind != "np" and after is not None and not after.cap \
                and _joined(text, words[0], after) and _ADJECTIVE.search(fold(words[0].text, lang)) \
                and after.norm not in PARTICLES and len(after.norm) > 3 and words[0].norm not in surnames \
                and not countries.country(lemma_candidates(latin := to_latin(words[0].text, lang or "sr"))[1:]) \
                and not _unknown_country(words, readings, lang) \
                and not (context and (city := gazetteer.place(lemma_candidates(latin)[1:] + _neuter(latin)))
                         and city.population >= gazetteer.CITY):  # u Crnom moru: no village Crno
            # an adjective before its noun: Ujedinjene nacije, Jemenski Huti (not u Adenu osudile, u Sudanu čekaju)
            words = []
        if len(words) == 1 and after is not None and _joined(text, words[0], after) \
                and _country_adjective(words[0].text, after.text, readings[0], lang):
            words = []  # Hrvatsku narodnu banku: the engine writes the adjective (Croatian), not "Croatia"
        if words:
            first = j - len(words)  # words[0]'s token: after a dropped sentence-opening word, that word is before it
            before = tokens[first - 1] if first > 0 and (words[0] is t or first - 1 == i) else None
            word_before = to_latin(before.text, lang or "sr").lower() if before and (
                not before.cap or sentence_start(text, before.start) and case_of(before.text.lower())) else ""
            # a preposition opening its sentence says the case too (U Hrasnici je mirno)
            if len(words) >= 3 and (context or readings[0].place):
                # a place in the genitive before a person's name: Gradonačelnik Harkova Igor Terehov
                first = _name(text, words[:1], readings[:1], lang, style, None, words[1].text, True)
                if first.place is not None:
                    found.append(first)
                    words, readings, context = words[1:], readings[1:], False
            k = _country_first(words, readings, lang) or _person_after(words, readings, lang)
            if k:  # a country before a person's name: ministar Azerbejdžana Džejhun Bajramov
                found.append(_name(text, words[:k], readings[:k], lang, style, None, words[k].text, False))
                words, readings, context = words[k:], readings[k:], False
            case = case_of(word_before or None)
            if case is None and word_before and before is not None and i >= 2 and not tokens[i - 2].cap \
                    and _joined(text, tokens[i - 2], before):
                # a title, its portfolio in the genitive, the name: ministru zdravstva Viliju Berošu
                case = title_case(to_latin(tokens[i - 2].text, lang or "sr"))
            if case is None and before is not None and _man_s_demonym_genitive(before, lang):
                case = "gen"  # od Nemca Aleksandra Zvereva: the German's, Alexander Zverev's
            if case is None and word_before in _AND and before is not None:
                case = _coordinated_case(text, tokens, i - 1, found, cases, skip, lang)
            if case is None and context and found and found[-1].end in cases \
                    and re.fullmatch(r"\s*,\s*", text[found[-1].end:words[0].start]):
                case = cases[found[-1].end]  # oko Doboja, Olova: the list's case
            if case is None and _FEMININE_ADJECTIVE.fullmatch(word_before) and word_before not in _OJ_NOUNS:
                case = "loc"  # talijanskoj Lampedusi, lisabonskoj Benfici: the dative's and locative's form
            if before is not None and len(words) >= 2 and readings[0].kind == "np" \
                    and readings[0].case not in (None, "nom") \
                    and _WOMAN_TITLE.fullmatch(fold(to_latin(before.text, lang or "sr"), "sr")) \
                    and _given_before(words[0], lang):
                # a woman's title before the name: her given name as written (Predsjednica Roberta
                # Metsola), not the analyser's genitive of a man's (Robert)
                readings = [Reading("unknown")] + readings[1:]
            name = _name(text, words, readings, lang, style, case,
                         after.text if after and _joined(text, words[-1], after) else None, context)
            cases[name.end] = case
            if context:
                contexts.add(name.end)
            big_city = None
            if len(words) == 1 and name.place is None and readings[0].kind == "common" \
                    and not sentence_start(text, words[0].start):
                big_city = _city_as_english_writes_it(to_latin(words[0].text, lang or "sr"))
                if big_city is not None:  # Baku je saopštio: a capital, not the analyser's "baka" (grandmother)
                    name = replace(name, english=big_city.english, slavic=False, verified=True,
                                   place=big_city.country)
            if len(words) == 1 and name.place is None and not name.acronym:
                acronym = _written_acronym(to_latin(words[0].text, lang or "sr"), name.lemma)
                if acronym is not None:  # an acronym written as a word: Unicefa, Unesko, Уницефа
                    name = replace(name, english=acronym, slavic=False, verified=True)
            # ordinary words only: the engine's, unless they name a city (iz Novog Sada)
            # a capital inside a word (BiH) marks an abbreviation, never an ordinary word ("biti")
            # or a country, whose name may be an adjective's in capitals (teritorij Rumunjske)
            if any(r.kind != "common" for r in readings) or (len(words) > 1 and name.place is not None) \
                    or rivers.english([w.text for w in words], lang) is not None \
                    or (name.place is not None and not sentence_start(text, words[0].start)
                        and (context or big_city is not None)) \
                    or any(_INNER_CAPITAL.search(w.text) for w in words) \
                    or (name.place is not None and _country(
                        [to_latin(w.text, lang or "sr") for w in words], name.lemma.split(), readings)):
                found.append(name)
        i = j
    return _agree(found, style)


def _regnal(text: str, tokens: list[Token], i: int, lang: str | None) -> Name | None:
    """A pope's, patriarch's or king's name with its regnal number (``saints.regnal``), as one name,
    and a pope's after "papa" (``saints.pope``): the engine reads Lav as "lion", and the number, in
    capitals, would otherwise be an acronym."""
    if not tokens[i].cap or tokens[i].upper:
        return None
    word, end = tokens[i], tokens[i].end
    found = None
    if i + 1 < len(tokens) and text[word.end:tokens[i + 1].start] == " ":
        found, end = saints.regnal(word.text, tokens[i + 1].text, lang), tokens[i + 1].end
    if found is None and i > 0 and text[tokens[i - 1].end:word.start] == " " \
            and not (i + 1 < len(tokens) and tokens[i + 1].cap and _joined(text, word, tokens[i + 1])):
        found, end = saints.pope(tokens[i - 1].text, word.text, lang), word.end  # papa Franja: Francis
    if found is None:
        return None
    english, lemma = found
    return Name(word.start, end, text[word.start:end], lemma, english, False, False, False, True,
                tuple(fold(w) for w in lemma.split()))


def _man_s_demonym_genitive(token: Token, lang: str | None) -> bool:
    """Whether a word is a demonym of one man in the genitive (Nemca, Španca, Srbina; not Nemica, a
    woman, nor Rusa or Hrvata, which are plurals as well): a name after it is in the genitive too."""
    folded = fold(to_latin(token.text, lang or "sr"), lang)
    if not folded.endswith("a") or folded.endswith(("ica", "inja", "kinja")):
        return False
    english = demonyms.english(token.text, lang)
    return english is not None and not english.endswith("s")


def _given_name_opening(words: list[Token], lang: str | None) -> bool:
    """Whether a sentence opens with a given name the language writes often (Sara, which the analyser
    does not know) before another capitalised word: a person's name (Sara Netanjahu je rekla), not an
    ordinary word opening the sentence."""
    return len(words) > 1 and words[0].norm not in PARTICLES \
        and given_names.common_given_name(fold(to_latin(words[0].text, lang or "sr"), lang))


def _given_before(token: Token, lang: str | None) -> bool:
    """Whether a word is a given name, after which a demonym's form is a surname (Jakob Finci: no Finns)."""
    return given_names.given_name(fold(to_latin(token.text, lang or "sr"), lang))


def _people(token: Token, lang: str | None) -> str | None:
    """The English noun for a demonym (``qa.demonyms``), unless GeoNames names a place so (Ruse)."""
    people = demonyms.english(token.text[token.word_start - token.start:], lang)
    if people is None or gazetteer.place([to_latin(token.text, lang or "sr")]) is not None:
        return None
    return people


CITY_IN_SENTENCE = 100_000  # inside a sentence an unknown word is seldom an ordinary one: a smaller city will do
BIG_CITY = 500_000  # people


def _unknown_city(written: str, inside: bool) -> bool:
    """Whether a one-word name the analyser does not know is a city by one of its nominatives: of at
    least BIG_CITY people opening a sentence (Vašington je saopštio, Vašingtonu), of CITY_IN_SENTENCE
    ``inside`` one (optužio je Vašington, napao je Rafu). Word lists count names too, so a frequent
    word opening a sentence may be a capital as well as an ordinary word; a capital standing for its
    government needs no preposition of place; and a city's name is seldom an ordinary word the
    analyser lacks."""
    city = gazetteer.place(lemma_candidates(written, possessive=False))
    if city is None or city.population < (CITY_IN_SENTENCE if inside else BIG_CITY):
        return False
    # ``inside`` a sentence, a word as written that is also a person's name is the person's: a
    # spokesman Sari is no Surrey, which GeoNames also calls Sari. Declined, it is the city's
    # (Amana, Hili, Sanu: Amman, Hillah, Sanaa), as a person's name would keep a case of its own.
    folded = fold(written)
    return not (inside and fold(city.source) == folded
                and (given_names.given_name(folded) or regional_names.regional_name(folded)))


def _city_as_english_writes_it(written: str) -> gazetteer.Place | None:
    """The city of at least BIG_CITY people whose English name is ``written`` letter for letter (Baku),
    for a capitalised word inside a sentence that the analyser knows only as an ordinary word (baka,
    grandmother). Only the English name counts, not GeoNames' other names for the city nor a
    nominative guessed from the endings: a spokesman called Sari is no Surrey, which GeoNames also
    calls Sari."""
    city = gazetteer.place([written])
    if city is None or city.population < BIG_CITY or fold(city.english) != fold(written):
        return None
    return city


def _country_first(words: list[Token], readings: list[Reading], lang: str | None) -> int:
    """How many of ``words`` at their start name a country that is a name of its own, not the first
    words of a longer name: a country of more words in any case (Crne Gore Filip Radulović,
    Ujedinjenih Arapskih Emirata Muhamed bin Zajed), one of one word in a case other than the
    nominative (Azerbejdžana Džejhun Bajramov; not Katar Ervejz, Qatar Airways) or a country's
    abbreviation (Predsjedništva BiH Denis Bećirović); 0 for none."""
    latin = [to_latin(w.text, lang or "sr") for w in words]
    if len(words) < 2 or countries.declined(" ".join(latin)):
        return 0
    for k in range(len(words) - 1, 0, -1):
        if words[k].norm in PARTICLES or any(r.kind == "np" and r.english for r in readings[:k]):
            continue
        if (k > 1 and countries.declined(" ".join(latin[:k]))) or (k == 1 and (
                _oblique_country(latin[0]) or countries.written_out(latin[0]))):
            return k
    return 0


def _person_after(words: list[Token], readings: list[Reading], lang: str | None) -> int:
    """Where a person's name in an oblique case starts after another name in one run of capitals
    (stranke Ennahda Rachedu Ghannouchiju: the party Ennahda, then Rached Ghannouchi): a given name
    the lists know only less a case ending, then a surname with that ending; none of the words before
    is a given name or a particle (Abu Mohammed), so that they are a name of their own. 0 for none."""
    if len(words) < 3:
        return 0
    latin = [fold(to_latin(w.text, lang or "sr"), lang) for w in words]
    for k in range(1, len(words) - 1):
        if any(w in PARTICLES or given_names.given_name(w) for w in latin[:k]) or given_names.given_name(latin[k]):
            return 0
        given = next((e for e, a, _ in _GIVEN_ENDINGS if latin[k].endswith(e) and len(latin[k]) - len(e) >= 3
                      and given_names.given_name(latin[k][:-len(e)] + a)), None)
        if given is not None and latin[-1].endswith(given[-1:]) and readings[k].kind != "np":
            return k
    return 0


def _oblique_country(word: str) -> bool:
    """Whether ``word`` is a country's name in a case other than the nominative (Azerbejdžana, Turske):
    such a word is a name of its own, not the first word of the name that follows it."""
    return countries.country([word]) is None and countries.country(lemma_candidates(word)[1:]) is not None


_ADJECTIVE_COUNTRY = re.compile(r"[cs]k(?:a|e|oj|u|om)$")  # folded Turska, Njemačke, Slovačkoj


def _country_adjective(word: str, after: str, reading: Reading, lang: str | None) -> bool:
    """Whether a country named like an adjective's feminine (Hrvatska, Irska, Turska) is that adjective,
    capitalised as a name's first word, before another adjective of its case: Hrvatsku narodnu banku
    (the Croatian National Bank), Irske obrambene snage, Kurdistanske radničke partije. A verb after the
    country (Hrvatska planira, Turska zabranila) or a noun (Turska vlada) is left as it was: only an
    adjective's shape is proof. Not Macedonian, whose adjectives take the article."""
    if lang == "mk" or not after[:1].islower():
        return False
    m = _ADJECTIVE_COUNTRY.search(fold(word, lang))
    if m is None or not re.search(rf"(?:sk|ck|n){m.group(0)[2:]}$", fold(after, lang)) or len(after) < 5:
        return False
    latin = to_latin(word, lang or "sr")
    return (reading.kind == "np" and reading.place) or countries.country(lemma_candidates(latin)) is not None


def _unknown_country(words: list[Token], readings: list[Reading], lang: str | None) -> bool:
    """One word the analyser does not know that is a country's name as written or by its
    nominative (Indonezija, Etiopijom): no ordinary first word of a sentence, and no adjective
    before its noun (da Etiopija mora), though its shape is one's. A word the analyser knows as an
    ordinary word (Mali, small; Peru, feathers) is left to it, and so is a country named like an
    adjective's feminine (Turska vojska is the Turkish army; Hrvatska, Njemačka)."""
    if len(words) != 1 or readings[0].kind != "unknown" or _ADJECTIVE_COUNTRY.search(fold(words[0].text, lang)):
        return False
    return countries.country(lemma_candidates(to_latin(words[0].text, lang or "sr"))) is not None


def _surnames(text: str, tokens: list[Token], lang: str | None) -> set[str]:
    """Words that end a run of capitalised words (Timčo Mucunski): alone elsewhere in the article,
    such a word is that name again (Mucunski pozvao), not an adjective before its noun, though
    South Slavic surnames end like adjectives (-ski, -ska). A sentence's first word that the language
    writes often in lower case (Prema Sirijskoj ...) makes no run."""
    out = set()
    for k in range(1, len(tokens)):
        a, b = tokens[k - 1], tokens[k]
        if sentence_start(text, a.start) and frequent_word(a.text, lang):
            continue
        if a.cap and b.cap and not a.upper and not b.upper and _joined(text, a, b) \
                and (k + 1 == len(tokens) or not (tokens[k + 1].cap and _joined(text, b, tokens[k + 1]))):
            out.add(b.norm)
    return out


def _region(text: str, tokens: list[Token], i: int, j: int, lang: str | None) -> Name | None:
    """An area named by a city's adjective and a noun (``qa.regions``): a lone capitalised word at
    ``i`` with the lower-case area noun right after it (Harkovske oblasti, Суецкиот канал), or the two
    capitalised, as Macedonian writes some (Аденскиот Залив, Охридското Езеро)."""
    if j >= i + 2 and _joined(text, tokens[i], tokens[i + 1]):
        j = i + 1  # both capitalised: the run starts with the adjective and the noun (a name may follow)
    elif j != i + 1 or j >= len(tokens) or tokens[j].cap or not _joined(text, tokens[i], tokens[j]):
        return None
    adjective, noun = (to_latin(t.text, lang or "sr") for t in (tokens[i], tokens[j]))
    found = regions.region(adjective, noun)
    if found is None:
        return None
    start, end = tokens[i].start, tokens[j].end
    return Name(start, end, text[start:end], f"{found.city} {noun}", found.english, False, False, False, True,
                (fold(found.city),), found.country)


def _coordinated_case(text: str, tokens: list[Token], k: int, found: list[Name], cases: dict[int, str | None],
                      skip: list[tuple[int, int]], lang: str | None) -> str | None:
    """The case of the name just before the conjunction ``tokens[k]`` (u Bagdadu i Basri, kod Marđajuna i
    Kfar Kile): a name coordinated with it is in the same case. The name before may be the glossary's
    (a skipped span), whose case its preposition tells."""
    gap = text[:tokens[k].start].rstrip()
    if found and found[-1].end == len(gap) and found[-1].end in cases:
        return cases[found[-1].end]
    span = next(((a, b) for a, b in skip if b == len(gap)), None)
    if span is None:
        return None
    before = [t for t in tokens if t.end <= span[0]]
    if not before or before[-1].cap or not re.fullmatch(r"\s+", text[before[-1].end:span[0]]):
        return None
    return case_of(to_latin(before[-1].text, lang or "sr").lower())


def _place_context(text: str, tokens: list[Token], i: int, found: list[Name], lang: str | None,
                   contexts: set[int] = frozenset()) -> bool:
    """Whether the word before token ``i`` says a place follows: a preposition of place, "od" before
    "do" (from ... to), a noun for a place, or "i"/"ili" after a place just found (u Kairu i Ammanu)
    or after a name read in a place's context (``contexts``, by their ends) though GeoNames had no
    place for it (kod Kostolca i Zaječara)."""
    if found and i < len(tokens) and (found[-1].place is not None or found[-1].end in contexts) \
            and re.fullmatch(r"\s*,\s*", text[found[-1].end:tokens[i].start]) and _listed(text, tokens, i):
        return True  # a list of places: oko Doboja, Olova i Travnika
    before = tokens[i - 1] if i > 0 else None
    if before is None or (before.cap and not sentence_start(text, before.start)):
        return False
    if i < len(tokens) and not text[before.end:tokens[i].start].isspace():
        return False  # not next to it: a glossary name between, skipped (u Pojasu Gaze, Haja), or a comma
    word = to_latin(before.text, lang or "sr").lower()
    if word in _PLACE_PREPOSITIONS or _PLACE_NOUN.match(word):
        return True
    if word in ("od", "од") and (after := next((t for t in tokens[i + 1:] if not t.cap), None)) is not None \
            and after.norm in ("do", "до"):
        return True  # from ... to: od Goražda do Ustiprače (od alone is as often a person's: pismo od Putina)
    return word in _AND and bool(found) and (found[-1].place is not None or found[-1].end in contexts) \
        and re.fullmatch(r"\s*,?\s*", text[found[-1].end:before.start]) is not None


def _listed(text: str, tokens: list[Token], i: int) -> bool:
    """Whether the one-word name at ``tokens[i]`` goes on a list: a comma or "i", "ili" follows it. Not
    a name of more words (Zubinom Potoku, Kasim Žomart Tokajev: the list's case or a town's reading
    spoils them) nor a South Slavic word in -ić (Leposaviću keeps its letters, not GeoNames' Leposaviq)."""
    k = i + 1
    if k >= len(tokens) or (tokens[k].cap and _joined(text, tokens[i], tokens[k])) \
            or re.search(r"ic(?:a|u|em|om|e)?$", fold(to_latin(tokens[i].text, "sr"))):
        return False
    between = text[tokens[k - 1].end:tokens[k].start]
    return bool(re.fullmatch(r"\s*,\s*", between)) or (between.isspace() and tokens[k].norm in _AND)


def _joined(text: str, a: Token, b: Token) -> bool:
    return bool(re.fullmatch(r"[ \t\-‐‑]+|", text[a.end:b.start]))


# Letters a South Slavic spelling of a foreign acronym writes for English ones: UNRVA for UNRWA,
# KOGAT for COGAT, UNESKO for UNESCO.
_ACRONYM_LETTERS = {"V": "W", "K": "C", "J": "Y"}
ACRONYM_ATTESTED = 1.0  # zipf: an acronym English text writes at least this often is English's
CYRILLIC_ACRONYM_MARGIN = 0.4  # zipf: how much more often English must write a Cyrillic acronym's other letters


@lru_cache(maxsize=4096)
def english_acronym(word: str) -> str | None:
    """The English acronym that a source-language acronym stands for: the table of acronyms
    translated letter by letter (MAAE -> IAEA), else, for one of four letters or more that English
    text does not write, the English spelling it is with W, C or Y for V, K or J (UNRVA -> UNRWA),
    where English text writes that. None where neither says (most acronyms are the same in English)."""
    if word in ACRONYMS:
        return ACRONYMS[word]
    latin = to_latin(word, "sr") if has_cyrillic(word) else word
    if latin in ACRONYMS:
        return ACRONYMS[latin]
    own = zipf(latin.lower())
    # an acronym from Cyrillic whose K or J English writes C or Y far more often is that one (СОКАР:
    # SOKAR 1.3, SOCAR 1.7); one in Latin letters is the source's own spelling unless English lacks it
    floor = own + CYRILLIC_ACRONYM_MARGIN if has_cyrillic(word) else ACRONYM_ATTESTED
    if len(latin) < 4 or not latin.isalpha() or not latin.isupper() or own >= floor:
        return None
    best, best_zipf = None, max(floor, ACRONYM_ATTESTED)
    for candidate in _english_letters(latin):
        score = zipf(candidate.lower())
        if score >= best_zipf:
            best, best_zipf = candidate, score
    return best


def _english_letters(acronym: str) -> Iterator[str]:
    """``acronym`` with some of its first four V, K or J written W, C or Y (UNRVA -> UNRWA, UNESKO ->
    UNESCO), each combination once, the unchanged acronym not among them."""
    swaps = [i for i, c in enumerate(acronym) if c in _ACRONYM_LETTERS][:4]
    for mask in range(1, 1 << len(swaps)):
        letters = list(acronym)
        for bit, i in enumerate(swaps):
            if mask >> bit & 1:
                letters[i] = _ACRONYM_LETTERS[letters[i]]
        yield "".join(letters)


# A model's designation: up to four letters, a hyphen and a number, maybe with letters after it (Ми-24,
# С-400, Су-35С, МС-21, Јак-130, Mi-24, S-400). The engine reads the letters as a word ("Washing-24",
# "With-400", "Are-35"); English writes the designation letter for letter, in Latin script.
_MODEL = re.compile(r"([^\W\d_]{1,4})[-‐‑](\d{1,4}[^\W\d_]{0,3})")


def _model_at(text: str, token: Token) -> re.Match | None:
    """A model's designation starting at a capitalised token, whole (not Ми-24а, not part of Mi-24-2)."""
    if not token.cap or (token.start > 0 and (text[token.start - 1].isalnum() or text[token.start - 1] in "-‐‑")):
        return None
    m = _MODEL.match(text, token.start)
    return m if m is not None and (m.end() == len(text) or not (text[m.end()].isalnum() or text[m.end()] in "-‐‑")) \
        else None


def _model(text: str, m: re.Match, lang: str | None) -> Name:
    """A model's designation as a name, romanised as a foreign word is (Јак-130 -> Yak-130, Ф-35 -> F-35)."""
    letters, number = (to_latin(g, lang or "sr") for g in m.groups())
    prefix = romanise(letters, False)
    english = f"{prefix}-{romanise(number, False).upper()}"
    # letters of two or fewer, an acronym or a word English writes are its spelling; a longer romanised
    # word may be spelt otherwise (Каем-100 is the Qaem-100) and is left unverified
    verified = len(letters) <= 2 or letters.isupper() or attested(prefix)
    return Name(m.start(), m.end(), m.group(0), f"{letters}-{number}", english, False, False, False, verified,
                (fold(letters), fold(number)))


def _acronym(text: str, tokens: list[Token], i: int) -> Name:
    t = tokens[i]
    end = t.end
    m = re.match(r"[-‐‑][^\W\d_]+", text[end:])
    if m and _CASE_ENDING.match(m.group(0)):
        end += m.end()
    word = t.text
    spelt = english_acronym(word)
    english = spelt or (to_latin(word, "sr") if has_cyrillic(word) else word)
    verified = spelt is not None or not has_cyrillic(word)
    return Name(t.start, end, text[t.start:end], word, english, False, True, False, verified, (fold(word),))


def _name(text: str, words: list[Token], readings: list[Reading], lang: str | None, style: str,
          case: str | None = None, next_word: str | None = None, place_context: bool = False) -> Name:
    start, end = words[0].start, words[-1].end
    written = [to_latin(w.text, lang or "sr") for w in words]
    if lang == "mk":  # a surname in -иќ is Serbian or Croatian written in Macedonian: Вучиќ is Vučić
        written = [_serbian_spelling(w) if w.lower().endswith("ikj") else w for w in written]
    lemmas: list[str] = []
    english: list[str] = []
    owner = False
    for k, (w, r) in enumerate(zip(written, readings)):
        if w.lower() in PARTICLES or fold(w) in PARTICLES:
            lemmas.append(w.lower())
            english.append("")
            continue
        if r.kind == "np" and r.lemma:
            # the analyser reads the word after an article written on it (ал-Садр: Садр, Sadr); the name
            # keeps its article (Muqtada al-Sadr, not "Muqtada Sadr")
            prefix = w[:words[k].word_start - words[k].start] if words[k].has_article else ""
            lemma = to_latin(r.lemma, lang or "sr")
            article = bool(prefix) and not fold(lemma).startswith(fold(prefix))
            lemmas.append((prefix if article else "") + lemma)
            given = r.english
            if given and lemma.isascii() and not lower_case_only(fold(lemma)) \
                    and zipf(fold(lemma)) >= max(OWN_NAME, zipf(fold(given)) + OWN_MARGIN):
                # the dictionary's English is another language's (Hamburg: Hambourg, Korea: Corea), and
                # English writes the name as the source does, far more often
                given = lemma
            if given and len(given.split()) > len(lemma.split()) and fold(given.split()[-1]) == fold(lemma) \
                    and given.split()[0].lower() != "the":
                # the dictionary's English adds one bearer's title and given name to a one-word name
                # (Арафат, Mount Arafat too: "Dr Raed Arafat"); not an English article (the Balkans)
                given = lemma
            english.append(("al-" + given if article and given else given) or "")
            continue
        last = k == len(written) - 1
        lemma, is_owner = _guess_lemma(w, lang, last, case, next_word if last else None,
                                       single=len([x for x in written if x.lower() not in PARTICLES]) == 1)
        owner = owner or is_owner
        lemmas.append(lemma)
        english.append("")
    lemmas = _adjectival_surname(written, lemmas, readings)
    lemmas = _agreeing_surname(written, _agreeing_given_names(written, lemmas, readings), readings)
    lemmas = _undeclined_apposition(written, lemmas, readings, case)
    lemmas, english = _man_s_genitive(written, lemmas, english, case)
    # Er Srbija: Air; Šeik: Sheikh; an Arabic place's first word, which South Slavic does not decline
    # (u Vadi Rumu, iz Bejt Hanuna), also as written: the lemma guess may have taken it for a case form
    english = [e or _english_word(lem) or (_english_word(w) if k < len(lemmas) - 1 else "")
               for k, (e, lem, w) in enumerate(zip(english, lemmas, written))]
    if any(_english_words().get(fold(lem)) for lem in lemmas):
        # a company's name of a country and an English word (Azerbejdžan erlajns): the country's English
        english = [e or (countries.country([lem]) or ("", ""))[1] for e, lem in zip(english, lemmas)]
    lemma = " ".join(lemmas)
    nation = _country(written, lemmas, readings)
    if nation is not None:
        return Name(start, end, text[start:end], lemma, nation[1], False, False, False, True,
                    tuple(fold(x) for x in lemmas if x not in PARTICLES), nation[0])
    river = rivers.english([w.text for w in words], lang)
    if river is not None:  # Tigar is no tiger, Amu Darja is Amu Darya, na Ibru no Philippine Iba (qa.rivers)
        return Name(start, end, text[start:end], lemma, river, False, False, False, True,
                    tuple(fold(x) for x in lemmas if x not in PARTICLES))
    saint = saints.english(written, lang)
    holy = None
    if saint is not None:
        # crkva Svetog Marka: Saint Mark, not Markovci, a village GeoNames also calls Sveti Marko; a
        # town named so in its own language stays (Sveti Nikole, Sveti Ivan Zelina)
        holy = gazetteer.place(dict.fromkeys([" ".join(written), lemma]))
        if holy is None or not _HOLY_PLACE.match(fold(holy.english)):
            return Name(start, end, text[start:end], lemma, saint, False, False, False, True,
                        tuple(fold(x) for x in lemmas if x not in PARTICLES))
    found = holy or _place(text[start:end], written, lemmas, readings,
                           place_context or any(r.place for r in readings), case)
    if found is not None and not place_context and len(found.english.split()) > len(words):
        found = None  # by the analyser's tag alone, a place of more words is another (Kosovo is no Kosovo Polje)
    if found is not None and found.population < gazetteer.CITY and len(words) == 1 and readings[0].kind == "common" \
            and next_word and next_word[:1].islower() and fold(next_word, "sr") not in _NO_NOUN | _PREPOSITIONS:
        found = None  # an ordinary word before its noun is no village of that name (iz Velike etiopske brane)
    if found is not None:
        english_name = found.rendered(gazetteer.has_article(text[start:end]))
        if found.country in SOUTH_SLAVIC_COUNTRIES and strip_diacritics(found.source).lower() == english_name.lower():
            english_name = romanise(found.source, True, style)  # Pančevo keeps its letters, as South Slavic names do
        elif found.country not in SOUTH_SLAVIC_COUNTRIES and found.source.lower() != english_name.lower():
            source = to_latin(found.source, lang or "sr")  # the key that named it may be Cyrillic (Духок)
            spelt = romanise(source, False, style)
            spelt = english_spelling(spelt, source) or spelt
            if spelt != english_name and gazetteer.spelling_for(spelt, found):
                english_name = spelt  # Dženin: Jenin, as English writes it, not GeoNames' Janin
        return Name(start, end, text[start:end], lemma, english_name,
                    False, False, False, True, tuple(fold(x) for x in lemmas if x not in PARTICLES),
                    found.country)
    # Južni Kordofan, Јужен Парс: a compass adjective is English's too (South Kordofan, South Pars), and
    # the rest of the name is written as a name is; "Western" where English knows the name so. Not
    # before a continent or region (Zapadni Balkan, Istočna Evropa: the Western Balkans, Eastern Europe)
    side = _side(written[0]) if len(words) > 1 and not english[0] \
        and not _CONTINENTS.match(fold(to_latin(words[1].text, lang or "sr"))) else None
    if side is not None:
        rest = _name(text, words[1:], readings[1:], lang, style, case, next_word, place_context)
        named = f"{side[0]} {rest.english}"
        longer = f"{side[1]} {rest.english}"
        if wordnet.known(longer) and not wordnet.known(named):
            named = longer
        # an ordinary English word for the rest is no verified name (Istočnu Gutu: "East Gut", for Ghouta)
        verified = rest.verified and not any(lower_case_only(fold(w)) for w in rest.english.split())
        return replace(rest, start=start, text=text[start:end], lemma=f"{written[0]} {rest.lemma}", english=named,
                       parts=(fold(written[0]),) + rest.parts, owner=False, verified=verified)
    # Croatian writes đ only in a South Slavic name (Franjo Tuđman, Đuro Đaković): it keeps Italian and
    # other Latin-script names in their own spelling and transcribes Arabic and Russian j as dž
    slavic = _slavic(lemmas, readings) or (lang == "hr" and any("đ" in x.lower() for x in lemmas)) \
        or (lang == "mk" and _macedonian(lemmas))
    if lang == "hr" and not slavic and not _SOUTH_SLAVIC_LETTERS.search(lemma) and not any(english) \
            and not _CROATIAN_J.search(lemma) and not _from_cyrillic(lemmas):
        # Croatian keeps foreign names in their own spelling (Joseph Aoun, Michael Kurilla); the
        # analyser's English, where it has one, is still the better word (Bjelorusija -> Belarus)
        # except where the word is unattested and a name English writes sounds the same (Kneset ->
        # Knesset): Croatian's own spelling of a name English knows
        kept = " ".join(_croatian_spelling(w) for w in lemma.split())
        return Name(start, end, text[start:end], lemma, kept, owner, False, False, True,
                    tuple(fold(x) for x in lemmas if x not in PARTICLES))
    turkish = _turkish_name(lemmas, style) if not slavic and not any(english) \
        and not any(lem in PARTICLES for lem in lemmas) else None
    if turkish is not None:
        return Name(start, end, text[start:end], lemma, turkish, owner, False, False, True,
                    tuple(fold(x) for x in lemmas))
    parts = []
    arabic = not slavic and any(fold(lem, "sr") in _ARABIC_PARTICLES or re.match(r"(?:al|el)-", fold(lem, "sr"))
                                for lem in lemmas)
    for lem, eng in zip(lemmas, english):
        if eng:
            parts.append(eng)
            continue
        if lem in PARTICLES:
            parts.append("al-" if fold(lem, "sr") in ("el", "al") and not slavic else to_latin(lem, "sr"))
            continue
        word = romanise(lem, slavic, style)
        if arabic:  # Arabic has no v: Serbian writes its w so (Mazhar al-Vais, Basim al-Avadi)
            word = word.replace("v", "w").replace("V", "W")
        if not slavic and not _FOREIGN_LETTERS.search(lem):
            # not Abiy: a letter no South Slavic alphabet has keeps its spelling
            word = english_spelling(word, lem, arabic) or word
        parts.append(word)
    out = re.sub(r"\bal- ", "al-", " ".join(parts))
    # a word the source writes with a letter no South Slavic alphabet has, in its nominative, is the
    # outlet's copy of the name's own spelling (Uraloğlu, Yerlikaya, Sewilam), as a Croatian source's is
    own = {p for p, lem, w, t in zip(parts, lemmas, written, words)
           if (_FOREIGN_LETTERS.search(w) or _FOREIGN_SPELLING.search(w) and not has_cyrillic(t.text)) and p == lem == w}
    verified = slavic or all(e or p in PARTICLES or _verified_article_word(p) or verified_word(p)
                             or p in own for p, e in zip(parts, english)) \
        or gazetteer.known(out) or (place_context and gazetteer.small_place(out))
    city = gazetteer.place([out]) if not slavic and gazetteer.known(out) else None
    if city is not None and city.country == "UA" and gazetteer.ukrainian_national(out) == city.rendered(False):
        out = city.rendered(False)  # Kupjansk, romanised Kupyansk, a Ukrainian city's BGN name: Kupiansk
    return Name(start, end, text[start:end], lemma, out, owner, False, slavic, verified,
                tuple(fold(x) for x in lemmas if x not in PARTICLES))


_HOLY_PLACE = re.compile(r"^(?:sveti|sveta|sveto|sv) ")  # folded: a place whose own name is a saint's
_CONTINENTS = re.compile(r"^(?:evrop|europ|azij|afrik|amerik|balkan|kavkaz|mediteran|sredozem|arabij|levant)")
_SIDES = (
    (re.compile(r"^(?:juzn|juzen)"), ("South", "Southern")),
    (re.compile(r"^(?:severn|sjevern|severen)"), ("North", "Northern")),
    (re.compile(r"^(?:istocn|istocen)"), ("East", "Eastern")),
    (re.compile(r"^(?:zapadn|zapaden)"), ("West", "Western")),
)
_SIDE_ENDING = re.compile(r"n(?:i|a|o|e|og|oga|om|oj|im|ih|u|ata|ot|iot|oto|ite|ta|to)?$")


def _side(word: str) -> tuple[str, str] | None:
    """The English of a compass adjective opening a name (Južni, Sjevernog, Западен), short and long."""
    folded = fold(word)
    for pattern, english in _SIDES:
        m = pattern.match(folded)
        if m and _SIDE_ENDING.fullmatch(folded[m.end() - 1:]):  # every stem ends in its n
            return english
    return None


ENGLISH_WORDS = "english_words.tsv"  # in newsqa.seeds: English words as South Slavic writes them in names


@lru_cache(maxsize=1)
def _english_words() -> dict[str, str]:
    """Folded source spelling -> the English word (er: Air, ervejz: Airways, hils: Hills)."""
    return {source: english for source, english in seed_tables.rows(ENGLISH_WORDS)}


def _english_word(lemma: str) -> str:
    """The table's English for a word of a name, also after an Arabic article written on it (al-Šeik:
    al-Sheikh); "" where the table has none."""
    folded = fold(lemma)
    m = re.match(r"(?:al|el)-(?=\w)", folded)
    if m is not None:
        word = _english_words().get(folded[m.end():])
        return f"al-{word}" if word else ""
    return _english_words().get(folded, "")


# A given name's case ending -> its nominative's end (a given name in -o or -a declines too: Mikolu
# is Mikola's accusative) and the case, told by the ending and the nominative together.
_GIVEN_ENDINGS = (("yja", "y", "gen"), ("yju", "y", "dat"), ("yjem", "y", "ins"),  # Kingsleyja (_Y_DECLINED)
                  ("om", "", "ins"), ("em", "", "ins"), ("a", "", "gen"), ("u", "", "dat"), ("u", "a", "gen"),
                  ("e", "a", "gen"), ("i", "a", "dat"))
# A surname's ending in each case -> its nominative's end, longest first: Sudakova -> Sudakov,
# Matvijenka -> Matvijenko, Ghannouchiju -> Ghannouchi, Bagaija -> Bagai, al-Šare -> al-Šara; a Russian
# or Central Asian surname declined as an adjective in the instrumental, Abdusattorovim -> Abdusattorov.
_SURNAME_ENDINGS = {
    "gen": (("enka", "enko"), ("ija", "i"), ("aja", "ai"), ("eja", "ei"), ("a", ""), ("e", "a")),
    "dat": (("enku", "enko"), ("iju", "i"), ("aju", "ai"), ("eju", "ei"), ("u", ""), ("i", "a")),
    "ins": (("enkom", "enko"), ("ijem", "i"), ("ovim", "ov"), ("evim", "ev"), ("om", ""), ("em", "")),
}


# A masculine surname in -ski, -cki, -čki, -ški declined as an adjective: Roberta Lewandowskog, s
# Hristijanom Mickoskim, Vladimiru Medinskom (folded: č, š are c, s).
_ADJECTIVAL_SURNAME = re.compile(r"(?<=[sc]k)(?:oga|og|ome|omu|om|im)$")


def _adjectival_surname(written: list[str], lemmas: list[str], readings: list[Reading]) -> list[str]:
    """A person's surname in -ski declined as an adjective in its nominative (Roberta Lewandowskog ->
    Robert Lewandowski, s Hristijanom Mickoskim -> Hristijan Mickoski), where a given name opens the
    name: a place's adjective before its noun is written in lower case, so a capitalised word in
    -skog after a given name is the surname's case. The analyser's own nominative stands."""
    words = [k for k, w in enumerate(written) if w.lower() not in PARTICLES and fold(w) not in PARTICLES]
    if len(words) < 2 or readings[words[-1]].kind == "np":
        return lemmas
    first, last = words[0], words[-1]
    m = _ADJECTIVAL_SURNAME.search(fold(written[last]))
    if m is None or m.start() < 4:
        return lemmas
    # the given name is in the surname's case, a masculine one: Roberta is Robert's genitive here
    f = fold(written[first])
    ending = next((e for e in _GIVEN_CASE_ENDINGS[m.group(0)]
                   if f.endswith(e) and given_names.given_name(f[:-len(e)])), None)
    if ending is None and not given_names.given_name(fold(lemmas[first])):
        return lemmas
    out = list(lemmas)
    out[last] = written[last][:m.start()] + "i"
    if ending is not None and lemmas[first] == written[first]:
        out[first] = written[first][:-len(ending)]
    return out


# The endings a masculine given name has in the case of each adjectival surname ending (the
# instrumental's -om after a hard stem, -em after a soft one: Rafałom, Andrzejem).
_GIVEN_CASE_ENDINGS = {"oga": ("a",), "og": ("a",), "ome": ("u",), "omu": ("u",), "om": ("u",), "im": ("om", "em")}


def _agreeing_surname(written: list[str], lemmas: list[str], readings: list[Reading]) -> list[str]:
    """A surname after a given name in an oblique case takes that case off too (Fuada Shukra -> Fuad
    Shukr, Georgija Sudakova -> Georgij Sudakov, Rachedu Ghannouchiju -> Rached Ghannouchi), where
    nothing else told the case: with no preposition before it (vratara, reprezentativca are no
    titles the rules know) a foreign surname kept its ending, and Croatian, which keeps foreign
    names in their own spelling, passed "Fuada Shukra" as one. The given name decides: the word as
    written is no given name the name lists know and the word less a case ending is (Sergeja,
    Ahmeda; not Benjamina or Jaroslava, which are names of their own)."""
    words = [k for k, w in enumerate(written) if w.lower() not in PARTICLES and fold(w) not in PARTICLES]
    if len(words) < 2:
        return lemmas
    first, last = words[0], words[-1]
    f = fold(written[first])
    if readings[last].kind == "np" and readings[last].place and lemmas[last] != written[last] \
            and readings[first].kind != "np" and f[-1:] not in "aeiou" and given_names.common_given_name(f):
        # a man's given name in a consonant, as written, is a nominative, and so is the name after it:
        # a place's oblique case there is a surname's or a thing's nominative (Osman Gazi: no Gaza)
        return [written[last] if k == last else x for k, x in enumerate(lemmas)]
    if readings[last].kind == "np" or lemmas[last] != written[last]:
        return lemmas
    if readings[first].kind == "np":
        return _surname_in_analysed_case(written, lemmas, readings[first], first, last) \
            or _man_s_name_in_a(written, lemmas, first, last) or lemmas
    if given_names.given_name(f):
        return _man_s_name_in_a(written, lemmas, first, last) or lemmas
    given = next(((e, a, c) for e, a, c in _GIVEN_ENDINGS if f.endswith(e) and len(f) - len(e) >= 3
                  and given_names.given_name(f[:-len(e)] + a)), None)
    if given is None:
        return lemmas
    ending_of_given, add_to_given, case = given
    out = _surname_in_case(written, lemmas, last, case)
    if out is None:
        return lemmas
    if lemmas[first] == written[first]:
        out[first] = written[first][:-len(ending_of_given)] + add_to_given
    return out


def _surname_in_analysed_case(written: list[str], lemmas: list[str], analysed: Reading, first: int,
                              last: int) -> list[str] | None:
    """The lemmas with the surname in the case the analyser reads in the given name before it (Igora:
    Igor, genitive: Igora Grečuškina -> Igor Grečuškin); None where that tells nothing."""
    f, lemma = fold(written[first]), fold(lemmas[first])
    if lemma == f or (not lemma.endswith("a") and given_names.given_name(f)):
        return None  # Roberta, Davida: a feminine name as written, whatever the analyser reads
    if lemma.endswith("a"):
        # a feminine given name (Mariji: Marija): only a surname declined as an adjective follows its
        # case (Mariji Zaharovoj -> Marija Zaharova); a foreign one does not decline (Kaji Kalas)
        surname = fold(written[last])
        found = next(((e, a) for e, a in _FEMININE_SURNAME.get(analysed.case or "", ()) if surname.endswith(e)), None)
        if found is None or len(surname) - len(found[0]) < 3:
            return None
        out = list(lemmas)
        out[last] = written[last][:-len(found[0])] + found[1]
        return out
    case = _ANALYSER_CASES.get(analysed.case or "")
    if case is None or lemma.endswith("e") or not f.startswith(lemma):
        return None
    return _surname_in_case(written, lemmas, last, case)


# A feminine surname declined as an adjective (-ova, -eva, -ina, -ska, -cka) in each case the analyser
# reads in the given name before it -> (ending, the nominative's ending).
_FEMININE_SURNAME = {
    case: tuple((stem + end, stem + "a") for stem in ("ov", "ev", "in", "sk", "ck") for end in ends)
    for case, ends in (("gen", ("e",)), ("dat", ("oj",)), ("loc", ("oj",)), ("acc", ("u",)), ("ins", ("om",)))}


# The analyser's cases of a masculine given name -> the surname endings of that case (the accusative of
# a person is the genitive's form, the locative the dative's).
_ANALYSER_CASES = {"gen": "gen", "acc": "gen", "dat": "dat", "loc": "dat", "ins": "ins"}


# A woman's surname declined as an adjective, which keeps its -a in her nominative (Zaharova, Kosovska,
# Putina, Medvedeva); folded.
_FEMININE_NOMINATIVE = re.compile(r"(?:ov|ev|in|sk|ck|aj)a$")


def _man_s_name_in_a(written: list[str], lemmas: list[str], first: int, last: int) -> list[str] | None:
    """A man's name in the genitive (or an animate accusative) where the given name in -a is also a
    woman's name as written (Donalda, Emanuela, Roberta): the surname tells, for a woman's foreign
    surname does not decline, so after her given name it would not end in a case's -a. The name is a
    man's where the surname is a South Slavic -ić in the genitive (Andreja Plenkovića), or English text
    attests the surname less its ending as a name (Neresa: Neres; Trampa: Tramp, whose English
    spelling is Trump) far more than as written; the given name less -a must be a common man's name (Donald, Emanuel). None where
    nothing tells (Roberta Metsola keeps her name; Emanuela Makrona stays, as Makron is no English
    word either)."""
    f, surname = fold(written[first]), fold(written[last])
    if lemmas[last] != written[last] or not f.endswith("a") or not surname.endswith("a") \
            or surname[-2:-1] in ("", "a", "e", "i", "o", "u") or _FEMININE_NOMINATIVE.search(surname):
        return None
    man = _man_s_stem(written[first][:-1])
    if man is None or not given_names.common_given_name(fold(man)):
        return None
    out = _surname_in_case(written, lemmas, last, "gen")
    if out is None:
        return None
    slavic = re.search(r"(?:ić|ић)a$", written[last].lower())
    romanised = romanise(out[last], False)
    spelling = english_spelling(romanised)
    # English attests the surname, as a name and not only as an ordinary word (Sank, Shank of Sanka)
    attests = zipf(fold(romanised)) >= zipf(fold(romanise(written[last], False))) + SURNAME_MARGIN \
        and not lower_case_only(fold(romanised))
    if not (slavic or attests or spelling and not lower_case_only(fold(spelling))):
        return None
    if lemmas[first] == written[first]:
        out[first] = man
    return out


SURNAME_MARGIN = 1.0  # zipf: English writes the surname less -a this much more often than with it (Tramp 3.2, Trampa 1.3)


def _surname_in_case(written: list[str], lemmas: list[str], last: int, case: str) -> list[str] | None:
    """The lemmas with the surname (word ``last``) less the ending of ``case``; None where it has none."""
    surname = written[last]
    for ending, add in _SURNAME_ENDINGS[case]:
        stem = surname[:-len(ending)]
        if fold(surname).endswith(ending) and len(stem) >= 3:
            out = list(lemmas)
            out[last] = stem + add
            return out
    return None


def _fleeting(stem: str) -> str | None:
    """A man's given name whose nominative has a fleeting a before its last r (Aleksandr- of
    Aleksandra, Aleksandrom: Aleksandar; Petr-: Petar), if the name lists know it; else None."""
    f = fold(stem)
    if len(f) < 3 or f[-1] != "r" or f[-2] in "aeiou":
        return None
    name = stem[:-1] + "a" + stem[-1]
    return name if given_names.given_name(fold(name)) else None


def _man_s_stem(stem: str) -> str | None:
    """A man's given name from its stem in an oblique case: with the fleeting a (Aleksandr-:
    Aleksandar), else the stem itself (David-) or with -o (Marko, Milojko), if the name lists know
    it; a stem in k that they do not know is a South Slavic name in -ko (Milojk-: Milojko)."""
    found = _fleeting(stem) or next((c for c in (stem, stem + "o") if given_names.given_name(fold(c))), None)
    if found is None and fold(stem).endswith("k") and len(stem) >= 4:
        found = stem + "o"
    return found


def _man_s_genitive(written: list[str], lemmas: list[str], english: list[str],
                    case: str | None) -> tuple[list[str], list[str]]:
    """A name in the genitive whose surname lost an -a is a man's (a woman's surname in -a would end
    in -e: Zvereve), and so is his given name in -a: od Nemca Aleksandra Zvereva -> Aleksandar Zverev,
    where the analyser read Aleksandra, a woman's name in the nominative."""
    words = [k for k, w in enumerate(written) if fold(w) not in PARTICLES]
    if case != "gen" or len(words) < 2:
        return lemmas, english
    first, last = words[0], words[-1]
    if not (written[last].lower().endswith("a") and lemmas[last] == written[last][:-1]) \
            or not written[first].lower().endswith("a") or fold(lemmas[first]) != fold(written[first]):
        return lemmas, english
    man = _man_s_stem(written[first][:-1])
    if man is None:
        return lemmas, english
    return [man if k == first else x for k, x in enumerate(lemmas)], ["" if k == first else e for k, e in enumerate(english)]


def _undeclined_apposition(written: list[str], lemmas: list[str], readings: list[Reading],
                           case: str | None) -> list[str]:
    """A name a title's case did not reach: where the case came from the word before (supruga
    premijera Sara Netanjahu: the premier's wife, Sara, in the nominative) and the surname shows no
    ending of it, a given name as written that the name lists know well keeps its form (Sara, not
    "Sar"); predsjednika Aleksandra Vučića declines its surname, and stays Aleksandar."""
    words = [k for k, w in enumerate(written) if fold(w) not in PARTICLES]
    if len(words) < 2:
        return lemmas
    first, last = words[0], words[-1]
    if lemmas[last] != written[last] or lemmas[first] == written[first] \
            or not given_names.common_given_name(fold(written[first])):
        return lemmas
    if case is None and (readings[first].kind != "np" or fold(lemmas[first]).endswith("a")):
        return lemmas  # Ane Brnabić: a woman's name in -a declines, and her surname does not
    # with no case from the word before, only the analyser's reading of an oblique case is undone where
    # nothing else shows one (trener Simone Inzagi: no vocative of Simon; Toni Saliba: no dative of Tone)
    return lemmas[:first] + [written[first]] + lemmas[first + 1:]


def _agreeing_given_names(written: list[str], lemmas: list[str], readings: list[Reading]) -> list[str]:
    """A given name before a surname that lost a case ending takes the same case (Selahattina
    Demirtaşa -> Selahattin Demirtaş): where the word less that ending is a given name the name
    lists know and the word itself is not (Musa, Hamza stay)."""
    last = fold(written[-1])
    if len(written) < 2:
        return lemmas
    ending = next((e for e in ("om", "em", "a", "u") if last.endswith(e) and fold(lemmas[-1]) == last[:-len(e)]), None)
    # the instrumental is -om after a hard stem and -em after a soft one: Željkom Komšićem
    endings = ("om", "em") if ending in ("om", "em") else (ending,) if ending else ()
    # a woman's surname in -ić does not decline, and her given name in -a takes the case alone:
    # sa Željkom Cvijanović, Ane Brnabić -> Željka Cvijanović, Ana Brnabić
    woman = ending is None and last.endswith("ic") and fold(lemmas[-1]) == last
    # a man's surname that ends in a consonant and lost no ending is in the nominative, and so is his
    # given name as written, where the lists know it (Staša Košarac: not the analyser's genitive of Staš)
    nominative = ending is None and not woman and fold(lemmas[-1]) == last and last[-1:] not in "aeiouy"
    out = list(lemmas)
    for k, (w, r) in enumerate(zip(written[:-1], readings[:-1])):
        f = fold(w)
        if nominative and fold(lemmas[k]) != f and len(f) >= 3 and (given_names.given_name(f)
                                                                     or home_names.home_given_name(w)):
            out[k] = w
            continue
        if ending == "a" and last.endswith("ica") and f.endswith("a") and fold(lemmas[k]) in (f, f[:-1]):
            # a surname in -ić declined is a man's (a woman's does not decline): his given name is in the
            # genitive too, whatever the analyser read (predsjednika Aleksandra Vučića: Aleksandar, with
            # the fleeting a of the nominative; Davida Jankovića: David)
            man = _man_s_stem(w[:-1])
            if man is not None:
                out[k] = man
                continue
        if r.kind == "np" and endings == ("om", "em") and fold(lemmas[k]).endswith("a") \
                and not fold(lemmas[-1]).endswith("a") and f.endswith(endings) \
                and (f[:-2].endswith("j") and given_names.given_name(f[:-2]) or _fleeting(w[:-2])):
            # a surname declined in -om, -em is a man's (a woman's -ić does not decline): the analyser's
            # feminine reading of the given name yields (s Andrejom Babićem: Andrej, not Andreja). Only
            # a stem in j has a woman's name in -a beside a man's (Andreja, Sergeja), and so has one in
            # a fleeting a (Aleksandrom: Aleksandar, Aleksandra): Lukom, Nikolom are the men Luka and
            # Nikola, as the analyser reads them
            out[k] = _fleeting(w[:-2]) or w[:-2]
            continue
        if r.kind == "np" or given_names.given_name(f):
            continue
        if woman:
            e = next((e for e in ("om", "u", "e", "i") if f.endswith(e) and len(f) - len(e) >= 2), None)
            if e is not None and given_names.given_name(f[:-len(e)] + "a"):
                out[k] = w[:-len(e)] + "a"
            continue
        e = next((e for e in endings if f.endswith(e) and len(f) - len(e) >= 3), None)
        if e is None:
            continue
        if e == "om" and given_names.common_given_name(f[:-2] + "a") and not given_names.common_given_name(f[:-2]):
            out[k] = w[:-2] + "a"  # s Ilijom Petrovićem, Mustafom Cerićem: a man's given name in -a
        elif given_names.given_name(f[:-len(e)]):
            out[k] = w[:-len(e)]
        elif f[:-len(e)].endswith("ij") and given_names.given_name(f[:-len(e) - 1]) \
                and not given_names.given_name(f[:-len(e)] + "a"):
            # a foreign given name in -i takes a j before the ending (s Rishijem Sunakom, Naftaliju
            # Bennettu, Xijem Jinpingom); Ilijom is Ilija's
            out[k] = w[:-len(e) - 1]
        elif e in ("u", "a", "om") and given_names.given_name(f[:-len(e)] + "o"):
            out[k] = w[:-len(e)] + "o"  # Ratku Mladiću -> Ratko Mladić: a given name in -o
    return out


def _croatian_spelling(word: str) -> str:
    """A word of a name a Croatian source keeps as written, or the name English writes that sounds
    the same where English text does not attest the word (Kneset -> Knesset, Hristodulidis stays)."""
    if word in PARTICLES or attested(word):
        return word
    spelt = english_spelling(word, word)
    return spelt if spelt and english_name(fold(spelt)) else word


def _serbian_spelling(word: str) -> str:
    """A Macedonian romanisation (kj, gj for ќ, ѓ) in Serbo-Croatian letters: Gjorgjevikj -> Đorđević."""
    for mk, sr in (("Kj", "Ć"), ("kj", "ć"), ("Gj", "Đ"), ("gj", "đ")):
        word = word.replace(mk, sr)
    return word


def _written_acronym(written: str, lemma: str) -> str | None:
    """The acronym English writes in capitals (WordNet's: UNICEF, UNESCO) that a word of five letters
    or more in title case stands for, in any case form (Unicefa, Uneska, Уницефа) and with the
    source's V, K or J for W, C or Y (Unesko); None for any other word."""
    if len(written) < 5 or written.isupper() or not written[:1].isupper():
        return None
    known = wordnet.acronyms()
    candidates = [lemma, written] + lemma_candidates(written)[1:]
    if written.lower().endswith("a"):
        candidates.append(written[:-1] + "o")  # a neuter's genitive: Uneska -> Unesko
    for candidate in dict.fromkeys(candidates):
        letters = fold(candidate).upper()
        if len(letters) < 5 or not letters.isalpha():
            continue
        found = next((c for c in (letters, *_english_letters(letters)) if c in known), None)
        if found is not None:
            return found
    return None


def _country(written: list[str], lemmas: list[str], readings: list[Reading]) -> tuple[str, str] | None:
    """(ISO code, English) of the country this name is, in any context (``qa.countries``): Katar,
    iz Bjelorusije, Sjeverne Makedonije. A word whose English the analyser's bilingual dictionary
    gives is left to it, as is a name with a particle (a person's)."""
    if any(w.lower() in PARTICLES for w in written) or (len(written) == 1 and readings[0].english):
        return None
    if len(written) > 1:  # Ujedinjenih Arapskih Emirata, Sjeverne Makedonije
        return countries.declined(" ".join(written))
    return countries.country([lemmas[0], written[0]] + lemma_candidates(written[0]) + _neuter(written[0]))


def _place(source: str, written: list[str], lemmas: list[str], readings: list[Reading],
           context: bool, case: str | None) -> gazetteer.Place | None:
    """The city GeoNames names by this source name, where the name may be a place (see qa.gazetteer):
    a name of one word only after a preposition of place or a place noun, or where the analyser
    tags it a place (``context``), and never one whose words the analyser already gives an English
    for (its bilingual dictionary is the better source; where it knows the place but has no English,
    Beograd, GeoNames gives Belgrade)."""
    analysed = all(r.english for r in readings if r.kind == "np") and any(r.kind == "np" for r in readings)
    if analysed and not (context and len(readings) == 1 and not readings[0].place):
        return None
    # (after a preposition of place, a word the analyser gives a person's English may be a city: кон
    # Лиман, the analyser's Lehman, is Lyman; only a city of CITY people or more, below)
    words = [w for w in written if w.lower() not in PARTICLES and fold(w) not in PARTICLES]
    if not words or (len(words) == 1 and not context):
        return None
    if len(words) == 1 and proper_adjective(words[0]):
        return None  # an adjective of a sea or a land (na Kaspijskom moru: Caspian), no town's name (Kaspiysk)
    heads = [" ".join(lemmas), " ".join(written), source]
    if all(r.kind == "np" and r.lemma for r in readings):
        heads = heads[:1]  # the analyser's own nominative, not guesses from the endings (Kosova is no Kos)
    elif len(words) == 1:
        heads += lemma_candidates(words[0], possessive=False) + _neuter(words[0])
        if case is not None and fold(lemmas[-1]) != fold(words[0]) \
                and fold(words[0]).endswith(("a", "e", "i", "u", "om", "em")) \
                and not _SOFT_NEUTER.search(fold(words[0])):
            # after a preposition that sets a case, a form with a case ending is no nominative (u Tiru);
            # a town's neuter in -je or -ce is its accusative too (u Međugorje, u Jajce)
            heads = [h for h in heads if fold(h) != fold(words[0]) and h != source]
    else:
        last = lemma_candidates(written[-1], possessive=False) + _neuter(written[-1])
        heads += [" ".join(written[:-1] + [c]) for c in last[1:]]
        if len(written) == 2:  # an adjective and its noun: Novog Sada -> Novi Sad, Crnom moru
            heads += [f"{a} {c}" for a in _adjective_nominatives(written[0]) for c in last]
    if len(words) > 1:
        # the kh of an Arabic, Persian or Russian name's first word, which Serbian writes h or k (Han Junis,
        # Kan Junis: Khan Yunis), where GeoNames has no South Slavic form of the place
        heads += ["Kh" + h[1:] for h in heads if re.match(r"[HKХК][aeiouаеиоу]", h)]
    if len(words) > 1 and ("-" in source or any(h.startswith("Kh") for h in heads)):
        # u Ivano-Frankivsku: the nominatives with the source's hyphen; GeoNames' Khan-Junis
        heads += [h.replace(" ", "-") for h in heads]
    stripped = [re.sub(r"^(?:al|el|ал|ел)[\s-]+", "", h, flags=re.IGNORECASE) for h in heads]
    found = gazetteer.place(dict.fromkeys(heads + stripped))
    return None if analysed and found is not None and found.population < gazetteer.CITY else found


_CONSONANTS = "bcčćdđfghjklmnpqrsštvwxzž"
_SOFT_NEUTER = re.compile(r"(?:[^aeiou]je|[^aeiou]ce)$")  # folded: Međugorje, Posušje, Jajce


def _neuter(word: str) -> list[str]:
    """More nominatives a declined town's name could have than a person's: in -o (u Pančevu, iz
    Pančeva -> Pančevo) or in -e (u Jajcu -> Jajce, od Goražda -> Goražde), with the fleeting a (u
    Čačku -> Čačak, iz Kragujevca -> Kragujevac, u Kaknju -> Kakanj) and in the plural (u Vinkovcima
    -> Vinkovci)."""
    low = word.lower()
    tail = re.split(r"[\s\-]+", low)[-1]  # a name's last word (Al Kaima is no plural)
    out = [word[:-3] + "i"] if tail.endswith("ima") and len(tail) >= 8 else []  # u Vinkovcima: a town's plural
    for e in ("om", "u", "a", "e", "i"):
        if low.endswith(e) and len(low) - len(e) >= 3:
            stem = word[:-len(e)]
            if e in ("om", "u", "a"):
                out.append(stem + "o")
                if stem[-1].lower() in "jcčćšžđ" or stem.lower().endswith("žd"):
                    # a neuter in -e after a soft stem: u Jajcu -> Jajce, iz Posušja -> Posušje, od Goražda ->
                    # Goražde; not after a hard one (na Tigru is no Tigre, in Argentina)
                    out.append(stem + "e")
            last = 2 if stem.lower().endswith(("lj", "nj", "dž")) else 1  # one sound, two letters: Kaknju -> Kakanj
            if len(stem) >= 3 + last and stem[-last].lower() in _CONSONANTS and stem[-last - 1].lower() in _CONSONANTS:
                out.append(stem[:-last] + "a" + stem[-last:])
    return out


def _adjective_nominatives(word: str) -> list[str]:
    """Nominatives of a declined adjective opening a place's name (Novog, Novom -> Novi, Nova, Novo)."""
    m = re.search(r"(?:og|oga|om|ome|oj|im|e|u|a|i|o)$", word.lower())
    if not m or m.start() < 3:
        return [word]
    stem = word[:m.start()]
    return [stem + "i", stem + "a", stem + "o"]


# The endings of South Slavic place names (folded), which no Arabic, Persian or Hebrew name written the
# Serbian way has: -grad (Tomislavgrad), -ište (Pazarište), -ica after n, t, v (Hrasnica, Rogatica,
# Mitrovica), -ovo/-evo (Sarajevo), -ovci/-evci (Vinkovci), -ljak (Kiseljak). Not -polje, which is
# Ukrainian's -pole too (Guljajpolje is Huliaipole). Ukrainian's -ytsia, written -ica (Hortica for
# Khortytsia), is the one ending the two share that this keeps; measured, it costs less than it gains.
_SLAVIC_PLACE = re.compile(r"(?:grad|iste|[ntv]ica|[oe]vo|[oe]vci|ljak)$")


# A Macedonian (and Bulgarian) surname in -ov, -ev, -ova, -eva (folded): Ljutkov, Janev, Jakimova.
_MACEDONIAN_SURNAME = re.compile(r"^[a-z]{2,}(?:ov|ev|ova|eva)$")


def _macedonian(lemmas: list[str]) -> bool:
    """Whether a Macedonian source's person's name is the country's own: a frequent South Slavic given
    name (``home_names.home_given_name``, plain: Zoran, Dragan, Goran) before a surname in -ov or -ev,
    which Macedonian names share with Russian ones (Zoran Ljutkov, Dragan Janev: not "Lyutkov",
    "Yanev"). Elsewhere such a surname after such a name is more often a foreigner's."""
    words = [x for x in lemmas if x not in PARTICLES]
    return len(words) >= 2 and home_names.home_given_name(words[0], plain=True) \
        and bool(_MACEDONIAN_SURNAME.match(fold(words[-1])))


def _slavic(lemmas: list[str], readings: list[Reading]) -> bool:
    # a frequent South Slavic surname with a South Slavic letter (qa.home_names): Ante Šušnjar, Vili Beroš
    if any(home_names.home_surname(x) and not _CYRILLIC_SURNAME.match(fold(x)) for x in lemmas):
        return True
    # and a person's name opened by a frequent South Slavic given name with such a letter: Siniša Mali,
    # Đuro Macut; not before a surname transcribed from Russian or Ukrainian Cyrillic
    if len(lemmas) >= 2 and home_names.home_given_name(lemmas[0]) and not _CYRILLIC_SURNAME.match(fold(lemmas[-1])):
        return True
    # -ić is South Slavic; -ič (Smotrič, a Hebrew name written the Serbian way) is not
    if any(x.lower().endswith("ić") or (fold(x).endswith("ic") and x.isascii()) for x in lemmas):
        return True
    # -ski and -cki are South Slavic too, but not after an East Slavic given name in -ij, which Serbian
    # writes for -iy (Andrij Bilecki is Andriy Biletsky, Sergij Korecki Serhiy Koretskyi)
    if any(x.lower().endswith(("ski", "ska", "cki", "čki", "ški")) for x in lemmas) and \
            not any(x.lower().endswith("ij") and len(x) > 4 for x in lemmas[:-1]):
        return True
    # a one-word place with a South Slavic place's ending (Tomislavgrad, Hrasnica, Rogatica, Kiseljak); not
    # a word of a longer name, which may be an exonym's (Novi Beograd is New Belgrade)
    if len(lemmas) == 1 and len(lemmas[0]) >= 6 and _SLAVIC_PLACE.search(fold(lemmas[0])):
        return True
    nps = [r for r in readings if r.kind == "np"]
    return bool(nps) and len(nps) == len([x for x in lemmas if x not in PARTICLES]) \
        and all(not r.english or r.english == r.lemma for r in nps)


# Prepositions and the case they take before a name: genitive (iz Rafe, kod Nabatije), locative or
# accusative (u Dohi, u Kirkuku, na Sanu), instrumental (sa Abasom, s Herzogom).
_GENITIVE = frozenset({"iz", "od", "do", "kod", "blizu", "preko", "posle", "poslije", "nakon", "ispod", "iznad",
                       "bez", "oko", "pored", "kraj", "protiv", "umesto", "umjesto", "duž", "sjeverno", "južno",
                       "severno", "istočno", "zapadno", "izvan", "van", "usred", "tokom", "tijekom", "radi",
                       "izmedju"})  # folded: između (between) takes the genitive
_LOCATIVE = frozenset({"u", "na", "o", "po", "pri", "prema", "ka", "k", "kroz", "za"})
_INSTRUMENTAL = frozenset({"sa", "s", "pred", "nad", "pod", "medju"})
# Prepositions and adverbs, folded: no noun, so a word in -ov/-ev/-in before one is no possessive
# adjective but a place or a name in its own case (od Zlobina do Bosiljeva kako, stadiona Koševo u, Bajakovo zajedno).
_PREPOSITIONS = frozenset(fold(w) for w in _GENITIVE | _LOCATIVE | _INSTRUMENTAL) | {
    "kako", "gde", "gdje", "kada", "kad", "dok", "jer", "ako", "zajedno", "takodje", "takodjer", "samo", "cak",
    "vise", "sada", "danas", "juce", "jucer", "ranije", "kasnije", "tamo", "ovde", "ovdje", "ponovo", "ponovno"}


# A title in the genitive (or the animate accusative, the same form) before a name puts the name in
# that case too: predsjednika Masouda Pezeshkiana, ministra Marije Zaharove.
_TITLE_GENITIVE = re.compile(
    r"(?:(?:pot)?pred(?:s|sj)ednika|premijera|ministra|sefa|glasnogovornika|portparola|direktora|guvernera|"
    r"ambasadora|veleposlanika|komandanta|zapovjednika|lidera|kralja|princa|generala|admirala|"
    r"gradonacelnika|savjetnika|savetnika|izaslanika|sekretara|tajnika|kancelara|tuzioca|tuzitelja|"
    r"poslanika|zastupnika|emira|seika|predstavnika|zamjenika|zamenika|nacelnika|ministrice|predsjednice|"
    r"predsednice|premijerke|portparolke|glasnogovornice|"
    r"sina|brata|oca|strica|ujaka|unuka|supruga|kceri|kcerke|cerke|sestre|majke|supruge)")  # fullmatch
# (kinship too: njegovog sina Bašara, brata Mahera, supruge Asme: the son's, brother's, wife's name)


# A woman's title in the nominative (folded): the name after it is hers, in the nominative too.
_WOMAN_TITLE = re.compile(
    r"(?:pot)?pred(?:s|sj)?ednica|premijerka|ministrica|ministarka|portparolka|glasnogovornica|kancelarka|"
    r"gradonacelnica|direktorica|direktorka|zastupnica|poslanica|guvernerka|komesarka|povjerenica|poverenica|"
    r"tuziteljica|tuziteljka|ambasadorka|veleposlanica|sutkinja|novinarka|liderka|sefica|tajnica|sekretarka|"
    r"savjetnica|savetnica|zamjenica|zamenica|kraljica|princeza|senatorka|nacelnica|aktivistkinja|spisateljica")


# A title in the dative before a name puts the name in the dative: ministru Goranu Vesiću, premijeru
# Andreju Plenkoviću (only forms no other case shares: predsjednici is also a plural).
_TITLE_DATIVE = re.compile(
    r"(?:(?:pot)?pred(?:s|sj)edniku|premijeru|ministru|sefu|glasnogovorniku|portparolu|direktoru|guverneru|"
    r"ambasadoru|veleposlaniku|komandantu|zapovjedniku|lideru|kralju|princu|generalu|admiralu|"
    r"gradonacelniku|savjetniku|savetniku|izaslaniku|sekretaru|tajniku|kancelaru|tuziocu|tuzitelju|"
    r"poslaniku|zastupniku|emiru|predstavniku|zamjeniku|zameniku|nacelniku|ministarki|premijerki|"
    r"sinu|bratu|ocu|stricu|ujaku|unuku|suprugu)")  # fullmatch


def title_case(word: str | None) -> str | None:
    """The case a title before a name puts it in (gen: predsjednika; dat: ministru), if the word is one."""
    w = fold(word or "", "sr")
    if _TITLE_GENITIVE.fullmatch(w):
        return "gen"
    if _TITLE_DATIVE.fullmatch(w):
        return "dat"
    return None


def case_of(preposition: str | None) -> str | None:
    """The case a South Slavic preposition, or a title (:func:`title_case`), puts the next name in
    (gen, loc, ins, dat), if it says."""
    p = fold(preposition or "", "sr")
    if p in _GENITIVE:
        return "gen"
    title = title_case(preposition)
    if title is not None:
        return title
    if p in _LOCATIVE:
        return "loc"
    if p in _INSTRUMENTAL:
        return "ins"
    return None


def _guess_lemma(word: str, lang: str | None, last: bool, case: str | None = None,
                 next_word: str | None = None, single: bool = True) -> tuple[str, bool]:
    """The likeliest nominative of an unknown declined name, and whether it is a possessive adjective
    (only a name of one word: a full name takes the genitive, "vlada Benjamina Netanjahua", and a
    Russian surname in -ova before a verb is no possessive, "Marija Zaharova rekla")."""
    if lang == "mk":  # Macedonian names do not decline; a foreign noun may take the article (Бундестагот)
        m = countries.MK_ARTICLE.search(word)
        if m and m.start() >= 4 and not attested(word) and FOREIGN_STEM <= zipf(fold(word[:m.start()])) < ORDINARY:
            return word[:m.start()], False
        return word, False
    low = word.lower()
    m = _Y_DECLINED.search(low)
    if m and m.start() >= 3:  # Kingsleyja, Harryju, Kingsleyjev gol: a foreign name in -y, declined
        return word[:m.start() + 1], m.group(1).startswith(("ev", "ov"))
    if last and single and next_word and next_word[:1].islower() and not attested(word) \
            and fold(next_word, "sr") not in _NO_NOUN | _PREPOSITIONS:
        m = _POSSESSIVE.search(low)
        if m and m.start() >= 3:
            return word[:m.start()], True  # Sinvarovu poruku, Deifova smrt, Putinov portparol
    m = _DECLINED_IC.search(low)
    if m and m.start() >= 3:
        return word[:m.start() + 2], False  # Mladiću, Vučića, Đokovićem: a surname in -ić declines so
    instrumental = case in (None, "ins")  # a preposition of another case: -om, -em are the name's own (u Betlehem)
    if instrumental and low.endswith("ijem") and len(low) > 6:
        return word[:-4] + "i", False  # Aragčijem, Eslamijem, Entonijem
    if instrumental and low.endswith(("ovim", "evim")) and len(low) > 7:
        return word[:-2], False  # Abdusattorovim: a surname in -ov declined as an adjective
    if instrumental and low.endswith(("om", "em")) and len(low) > 5 \
            and not (attested(word) and zipf(fold(word)) >= zipf(fold(word[:-2]))):
        return word[:-2], False  # Blinkenom, Fidanom, Abasom; not Rosatom, Gazprom, which English writes so
    if case is None:
        return _english_stem(word), False
    candidates: list[str] = []
    if case == "gen":
        if low.endswith("ija"):
            candidates = [word[:-3] + "i", word[:-1]]   # kod Kobanija -> Kobani
        elif low.endswith("a"):
            candidates = [word[:-1]]            # iz Omana, do Kirkuka
        elif low.endswith("e"):
            candidates = [word[:-1] + "a"]      # iz Rafe, kod Nabatije
    elif case == "loc" and low.endswith("ima") and len(low) > 6:
        candidates = [word[:-3] + "i"]                  # u Vinkovcima -> Vinkovci (a town in the plural)
    elif case == "loc":
        if low.endswith("iju") and len(low) > 5:
            candidates = [word[:-1], word[:-1] + "a"] + _in_i(word)  # u Batumiju -> Batumi; u Nasiriju -> Nasirija
        elif low.endswith("u"):
            candidates = [word[:-1], word[:-1] + "a"]   # u Kirkuku / u Dohu
        elif low.endswith("i"):
            candidates = [word[:-1] + "a"]      # u Dohi, u Karbali
        elif low.endswith("e"):
            candidates = [word[:-1] + "a"]
    elif case == "ins" and low.endswith("om"):
        candidates = [word[:-2], word[:-2] + "a"]     # sa Abasom; sa Dohom -> Doha, as English writes it
    elif case == "dat":  # after a title in the dative: a person's name
        if low.endswith("iju") and len(low) > 5:
            candidates = [word[:-3] + "i"]              # Viliju -> Vili
        elif low.endswith("cu") and len(low) > 4 and low[-3] in _CONSONANTS:
            candidates = [word[:-2] + "ac"]             # Šutanovcu -> Šutanovac (the fleeting a)
        elif low.endswith("u"):
            candidates = [word[:-1]]                    # Goranu Vesiću -> Goran Vesić
        elif low.endswith("i"):
            candidates = [word[:-1] + "a"]              # ministarki Marini -> Marina
    candidates = [c for c in candidates if len(c) >= 3]
    if not candidates:
        return word, False
    # the likelier nominative: one English writes, else a city GeoNames knows (za Safagu: Safaga, not Safag)
    return max(candidates, key=lambda c: (zipf(fold(romanise(c, False))), gazetteer.place([c]) is not None,
                                          -candidates.index(c))), False


# A foreign name in its own spelling that ends in y takes a j before a case ending or the possessive
# -ev (Kingsleyja Comana, s Harryjem Kaneom, Rodneyjev): no South Slavic word has yj.
_Y_DECLINED = re.compile(r"yj(a|u|e|i|em|om|ev|eva|evu|evo|evi|evom|evih|evim|eve)$")
FOREIGN_STEM = 2.5  # zipf: a stem English writes this often is a foreign name in its own spelling (Herzog 3.0)


def _english_stem(word: str) -> str:
    """A foreign name in its own spelling with a case ending and no preposition to tell the case
    (predsjednika Isaaca Herzoga, as Croatian writes it): the word less a case ending, where English
    text writes that stem as a word and not the word itself (Herzog, not Herzoga); else the word.
    The stem is also tried as the house style romanises it, for a name Serbian spells as it sounds
    (kluba Galatasaraja: Galatasaraj, which English writes Galatasaray)."""
    if attested(word):
        return word
    for ending in ("a", "u", "e", "om", "em"):
        stem = word[:-len(ending)]
        if word.lower().endswith(ending) and len(stem) >= 4 and (
                max(zipf(fold(stem)), zipf(fold(romanise(stem, False)))) >= FOREIGN_STEM
                or (stem[-1] not in "yY" and _FOREIGN_LETTERS.search(stem[-1]))):
            # or the stem ends in a letter no South Slavic alphabet has: the name is in its own
            # spelling and the ending is the source's (Selahattina Demirtaşa, Erdoğanom); not y,
            # which ends many a nominative in -ya (Yerlikaya)
            return stem
    return word


def lemma_candidates(word: str, possessive: bool = True) -> list[str]:
    """Nominatives a South Slavic form of a name could have, the word itself first; with
    ``possessive``, also the name a possessive adjective in -ov is made from (Putinova -> Putin),
    which a town's name is not (iz Trnova is from Trnovo, not from Trn)."""
    low = word.lower()
    out = [word]
    if low.endswith("ijem"):
        out.append(word[:-4] + "i")
    for ending, add in (("om", ""), ("jom", "ja"), ("em", ""), ("a", ""), ("e", "a"), ("i", "a"), ("u", ""), ("u", "a"),
                        ("ova", ""), ("ovu", ""), ("ov", ""), ("ija", "i"), ("skom", "ska"), ("čkom", "čka"),
                        ("škom", "ška")):  # the last: a name declined as an adjective (s Mađarskom)
        if not possessive and ending.startswith("ov"):
            continue
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            out.append(word[:-len(ending)] + add)
    for ending, add in (("ci", "ka"), ("zi", "ga")):  # a dative in -ci, -zi of a noun in -ka, -ga (Luci: Luka)
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            out.append(word[:-len(ending)] + add)
    return out + _in_i(word)


def _in_i(word: str) -> list[str]:
    """A foreign name in -i that takes a j before the dative's and locative's -u (u Batumiju, Tbilisiju:
    Batumi, Tbilisi), unless the word is the accusative of a city in -ija (u Nasiriju: Nasirija, not
    Nasiri, which GeoNames gives Ahvaz as an old name)."""
    if not word.lower().endswith("iju") or len(word) < 6 or gazetteer.place([word[:-1] + "a"]) is not None:
        return []
    return [word[:-3] + "i"]


def _surname_not_owner(names: list[Name]) -> list[Name]:
    """A word read as a possessive adjective (Sindarova dočekale: "Sindar's") that is a case of a surname
    in -ov, -ev or -in the article writes after a given name (Džavohir Sindarov) is that man, in a
    case: Sindarov, not an owner "Sindar" whose stem would then spoil the full name too."""
    surnames = {}
    for n in names:
        words, lemmas = n.text.split(), n.lemma.split()
        if len(words) >= 2 and len(lemmas) == len(words) and not n.acronym and not n.owner \
                and re.search(r"(?:ov|ev|in)$", fold(lemmas[-1])) and fold(to_latin(words[-1], "sr")) == fold(lemmas[-1]):
            surnames[fold(lemmas[-1])] = (lemmas[-1], n.english.split()[-1])
    if not surnames:
        return names
    out = []
    for n in names:
        written = fold(to_latin(n.text, "sr"))
        found = next((v for k, v in surnames.items() if n.owner and len(n.text.split()) == 1
                      and written.startswith(k) and written[len(k):] in ("a", "u", "om", "e")), None)
        out.append(replace(n, lemma=found[0], english=found[1], owner=False, parts=(fold(found[0]),)) if found else n)
    return out


def _agree(names: list[Name], style: str) -> list[Name]:
    """Mentions of one name agree: a word left as written (Deifa, after a noun) takes a nominative that
    another mention of the article has (Deif, from Deifova smrt; Barzani, written so), and the other
    words of that name follow it into the nominative (Mohameda Deifa -> Mohamed Deif); a surname
    alone that is a South Slavic person's keeps its letters as the full name does (Macut)."""
    names = _surname_not_owner(names)
    known = set()
    for n in names:
        if n.acronym:
            continue
        for w, lem in zip(n.text.split(), n.lemma.split()):
            if fold(lem) != fold(w, "sr") or not lem.lower().endswith(("a", "u", "e")):
                known.add(fold(lem))
    # a South Slavic person's surname alone is that person's, South Slavic too: Đuro Macut ... Macut
    slavic_surnames = {fold(n.lemma.split()[-1]) for n in names
                       if n.slavic and not n.place and len(n.lemma.split()) >= 2}
    out = []
    for n in names:
        lemmas = n.lemma.split()
        words = n.text.split()
        if len(lemmas) == 1 and not (n.acronym or n.slavic or n.place or n.people) and fold(lemmas[0]) in slavic_surnames:
            out.append(replace(n, english=romanise(n.lemma, True, style), slavic=True, verified=True))
            continue
        if n.acronym or n.slavic or n.place or len(lemmas) != len(words):
            out.append(n)
            continue
        changed = None
        for k, (w, lem) in enumerate(zip(words, lemmas)):
            if fold(lem) != fold(w, "sr"):
                continue  # already restored
            for cand in lemma_candidates(to_latin(w, "sr"))[1:]:
                if fold(cand) in known:
                    lemmas[k] = cand
                    changed = to_latin(w, "sr")[len(cand.rstrip("i")):] if cand.endswith("i") else \
                        to_latin(w, "sr")[len(cand):]
                    break
        if changed is None:
            out.append(n)
            continue
        if changed in ("a", "ija"):  # a genitive: the other words of the name are in it too
            for k, (w, lem) in enumerate(zip(words, lemmas)):
                latin = to_latin(w, "sr")
                if fold(lem) == fold(latin) and latin.lower().endswith("a") and len(latin) > 4 \
                        and lem.lower() not in PARTICLES:
                    lemmas[k] = latin[:-1]
        turkish = _turkish_name(lemmas, style)
        if turkish is not None:
            out.append(replace(n, lemma=" ".join(lemmas), verified=True, english=turkish))
            continue
        parts = [english_spelling(p) or p for p in romanise(" ".join(lemmas), False, style).split()]
        english = re.sub(r"\bal- ", "al-", " ".join(parts))
        out.append(Name(n.start, n.end, n.text, " ".join(lemmas), english, n.owner, False, False,
                        all(verified_word(p) or _verified_article_word(p) for p in parts)
                        or gazetteer.known(english),
                        tuple(fold(x) for x in lemmas if x not in PARTICLES)))
    return out


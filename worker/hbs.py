"""Serbian, Croatian and Bosnian told apart by the words a text uses (all go to one translation pair).

The three standards share grammar and most vocabulary; a text shows which one it is written in
through a small number of words, as Ljubešić et al. found for their token-level classifier. No
training corpus is reachable here, so the discriminating words are written down from the standards'
own descriptions, in three kinds:

* the reflex of jat: ekavian (vreme, mesto, posle, predsednik) is Serbian; ijekavian (vrijeme,
  mjesto, poslije, predsjednik) is Croatian, Bosnian or Montenegrin;
* Croatian's own words (tisuća, tjedan, tijekom, proračun, ravnatelj, Europa, the months siječanj
  … prosinac, tko, uhititi) against the words Serbian and Bosnian share (hiljada, tokom, budžet,
  direktor, Evropa, januar … decembar, ko, uhapsiti);
* Serbian's and Bosnian's own spellings: opšti, saopštiti, uopšte (Serbian) against općina,
  saopćiti (Bosnian; Croatian: općina, priopćiti), and the Serbian fused future (biće, održaće).

Each hit votes for the standards the word belongs to; a tie is left to the caller (a statistical
detector or the declared language). Ijekavian with Serbian-and-Bosnian words is Bosnian, which is
how Bosnian texts usually show themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

SR, HR, BS = "sr", "hr", "bs"

# (pattern on a lower-cased word, the standards it votes for). Patterns are anchored at the word's
# start unless they say otherwise; prefixes (iz-, pro-, po-, u-, pred-) are written out where common.
_PREFIX = r"(?:iz|pro|po|u|pre|pred|raz|za|na|ob|od|do|s|)"
MARKERS: list[tuple[str, frozenset[str]]] = [
    # --- jat: ekavian (Serbian) ---
    (r"vreme$", {SR}), (r"cen[aeiu]$|cenam|cenovn", {SR}), (r"mest[aoiu]", {SR}), (r"mesec|meseč", {SR}),
    (r"posle$|poslednj|sledeć|sled[ie]", {SR}), (r"predsedn|predlog|predlož|podsec", {SR}),
    (r"gde$|ovde$|negde$|svuda$", {SR}), (r"reč$|reči|rečen|reka$|reke$|reku$", {SR}),
    (r"dete$|deca|dec[eiu]$|devoj", {SR}), (r"beo$|bel[aeiou]$|bel[aeio]g|lep[aeiou]?$|lepš", {SR}),
    (r"svet[aeiou]?$|svetsk|svetl|savet|obavest|obavešt|vest[ie]?$|vesti", {SR}),
    (r"pesm|pev", {SR}), (r"uvek$|(?:po)?nedel[j]", {SR}), (r"pobed", {SR}), (r"sever", {SR}),
    (r"sedn|sedišt|sede[lt]", {SR}), (r"ceo$|cel[aeiou]$|celog|celokup", {SR}),
    # (vremena, vremenu and uvreda, povreda are ijekavian too; meni is "to me"; pomenuti has no jat)
    (r"(?:iz|pro|u|pre|pred|raz|za|na|ob|od|do|s)(?:men[ia]|menj)|menja|promen|izmen|zamen", {SR}),
    (_PREFIX + r"(?:vredn|vredi|vređ|ozled)", {SR}),
    (r"dve$|dvesta|tel[aou]$|mlek|sneg|leto$|letnj|zvezd|hteo|želeo|živeo|voleo|umeo|seć[ae]", {SR}),
    (r"primer|zahtev|poreklo|čovek|pre$|takođe$", {SR}),
    (r"(?<![a-zčćđšž])[a-zčćđšž]{1,9}[ai](ću|ćeš|će|ćemo|ćete)$", {SR}),  # fused future: biće, održaće

    # --- jat: ijekavian (Croatian, Bosnian, Montenegrin) ---
    (r"vrijem|cijen|mjest|mjesec|mjeseč|poslije$|posljednj|sljedeć|sljed[ie]", {HR, BS}),
    (r"predsjedn|prijedlog|prijedlož|gdje$|ovdje$|negdje$|riječ|rijeka|rijeke|rijeku", {HR, BS}),
    (r"dijete|djeca|djec|djevoj|bijel|lijep|ljepš|svijet|svjetsk|svjetl|savjet|obavijest|vijest", {HR, BS}),
    (r"pjesm|pjev|uvijek|(?:po)?nedjelj|pobjed|pobijed|sjever|sjedn|sjedišt|sjede[lt]|cijel|cjelokup", {HR, BS}),
    (_PREFIX + r"(?:mijen|mjenj|promjen|izmjen|zamjen)", {HR, BS}),
    (_PREFIX + r"(?:vrijed|vrijeđ|ozlijed|ozljed)", {HR, BS}),
    (r"dvije$|dvjesta|tijel|mlijek|snijeg|ljeto$|ljetn|zvijezd|htio|želio|živio|volio|sjeć[ae]", {HR, BS}),
    (r"primjer|zahtjev|porijeklo|čovjek|prije$|slijed|izvijest|vijest", {HR, BS}),
    # --- Croatian's own words ---
    (r"tisuć|tjed[an]|tijekom|proračun|zrakoplov|zračn|kazališt|glazb|kruh|vlak|povijest|znanost",
     {HR}),
    (r"obitelj|sveučiliš|veleposlan|izaslan|priopć|uhit|uhić|točk|točn|tvrtk|kemij|kirurg|milijun|tko$", {HR}),
    (r"europ|siječ|veljač|ožuj|travanj|travnj|svibanj|svibnj|lipanj|lipnj|srpanj|srpnj|kolovoz|rujan|rujn",
     {HR}),
    (r"listopad|prosinac|prosinc|prosvjed|dužnosni|nogomet|momčad|izvanred|inozem", {HR}),
    (r"idućeg|iduće|idući|ponovno|poduzeć", {HR}),
    (r"(?:informir|reagir|kontrolir|financir|organizir)", {HR}),
    # --- Serbian and Bosnian, against Croatian ---
    (r"hiljad|tokom$|budžet|evrop|januar|februar|mart[aeu]?$|april|jun[aiu]?$|jul[aiu]?$", {SR, BS}),
    (r"septemb|oktob|novemb|decemb|ambasad|zvaničn|fudbal|saobraćaj|univerzitet|hemij|hirurg|milion", {SR, BS}),
    (r"uhaps|uhapš|hapš|tačk|tačn|porodic|nauk[aeiu]?$|naučn|pozorišt|desil|dešav|uticaj|preduzeć|ministark", {SR, BS}),
    (r"ko$|šta$|naredn|ponovo$|(?:informis|reaguj|kontroliš|finans|organizov)", {SR, BS}),
    # --- Croatian's own words against Serbian's and Bosnian's (the standards' well-known pairs:
    #     sustav/sistem, gospodarstvo/privreda, obveza/obaveza, tvornica/fabrika, tajnik/sekretar, ...) ---
    (r"sustav|gospodarstv|gospodarsk|obvez|izvješć|dojm|dojam$|obran[aeiu]|obranom|obramb|streljiv|okoliš",
     {HR}),
    (r"tvornic|istodobn|čelni[kc]|čelniš|mirovin|projekt$|natjecanj|natječaj|tisak$|tiska$|tisku$|financij",
     {HR}),
    (r"unutarnj|povjerenstv|tajnik|tajnic|sudjelova|sudjelovanj|znanstv|izaslanstv|nazočn|opskrb|uvjet|postot",
     {HR}),
    (r"glasovanj", {HR}),
    (r"privred|obavez|utis[ac]|utisk|odbran|odbramb|fabri[kc]|istovremen|penzi|projekat$|takmičenj|štamp",
     {SR, BS}),
    (r"uslov|finansij|unutrašnj|sekretar|učestvova|učešć|procen[a]?t[a-z]*$|glasanj|municij", {SR, BS}),
    (r"sigurnos|vanjsk", {HR, BS}),
    (r"spoljn|snabdev", {SR}),
    (r"snabdijev", {BS}),
    # --- Serbian's own spellings and words ---
    (r"opšt|saopšt|uopšt|bezbedn|istorij|avgust|hleb", {SR}),
    # --- Bosnian's own spellings and words (Croatian has općina too, Serbian opština) ---
    (r"saopć|historij|sedmic|hljeb|kafa$|kafe$|bezbjedn", {BS}),
    (r"općin|uopće|također|ministric", {HR, BS}),
]
# One alternation of every marker, each a named group, tried in order at the word's start: the first
# that matches votes, as a loop over the patterns would, in one regex call a word instead of sixty.
_VOTES = [frozenset(votes) for _, votes in MARKERS]
_ANY_MARKER = re.compile("|".join(
    f"(?P<m{i}>{pattern[len('(?<![a-zčćđšž])'):] if pattern.startswith('(?<!') else pattern})"
    for i, (pattern, _) in enumerate(MARKERS)))
WORD = re.compile(r"[^\W\d_]+")  # a run of letters: the word every vote here counts


MAX_WORD = 40  # longer "words" are not words of any standard (and would cost every pattern a scan)
MAX_TEXT = 20_000  # characters the phrase patterns read: enough to judge, bounded for a huge text
# Nouns that end like a fused future: "piće" (a drink) is not "pit će".
NOT_FUTURE = frozenset({"piće", "pića", "otkriće", "pokriće", "saće", "preduzeće", "plaće", "plaću"})


# Syntax Croatian's norm avoids: "sa" before a word that does not begin with s, z, š or ž (Croatian
# writes "s Mađarskom", Serbian and Bosnian "sa Mađarskom"), and "da" with the present after a
# modal verb where Croatian takes the infinitive ("mogu da plaćaju" against "mogu plaćati").
PHRASES: list[tuple[re.Pattern, frozenset[str]]] = [
    (re.compile(r"\bsa\s+(?![szšž]|mnom\b)[^\W\d_]", re.I), frozenset({SR, BS})),
    (re.compile(r"\b(?:mo(?:gu|že|žemo|žete|gao|gla|glo|gli|gle)|treba|trebalo(?:\s+(?:bi|je))?|"
                r"treba(?:o|la|li|le)\s+bi|poče(?:o|la|li|le|lo)|pokuša(?:o|la|li|le|va)|nastavi(?:o|la|li|le)|"
                r"žele?)\s+da\s+", re.I), frozenset({SR, BS})),
]


@lru_cache(maxsize=65536)
def marker_votes(lower: str) -> frozenset[str] | None:
    """The standards the first marker matching the lower-cased word votes for; None when none does."""
    m = _ANY_MARKER.match(lower)
    return _VOTES[int(m.lastgroup[1:])] if m else None


def votes(text: str, lexicon: Callable[[str], frozenset[str]] | None = None) -> Counter:
    """How many words of ``text`` speak for each standard: a marker word first; else, when a
    ``lexicon`` is given, the standards whose dictionaries accept the word; and each phrase."""
    counts: Counter = Counter()
    for match in WORD.finditer(text):
        word = match.group()
        lower = word.lower()
        if lower in NOT_FUTURE or len(word) > MAX_WORD:
            continue
        standards = marker_votes(lower)
        if standards is not None:
            counts.update(standards)  # one vote a word
        else:
            # A capitalised word inside a sentence is a name: it says where, not in which standard.
            if lexicon is not None and (word[0].islower() or starts_sentence(text, match.start())):
                counts.update(lexicon(word))
    for pattern, standards in PHRASES:
        for _ in pattern.finditer(text[:MAX_TEXT]):
            counts.update(standards)
    return counts


def starts_sentence(text: str, start: int) -> bool:
    """Whether only spaces, quotes and brackets stand between ``start`` and the text's start or the
    end of the previous sentence."""
    j = start
    while j > 0 and not text[j - 1].isalnum() and text[j - 1] not in ".!?:…":
        j -= 1
    return j == 0 or text[j - 1] in ".!?:…"


def decide(text: str, lexicon: Callable[[str], frozenset[str]] | None = None) -> tuple[str | None, Counter]:
    """The standard with the most votes, or None on a tie or no evidence."""
    counts = votes(text, lexicon)
    if not counts:
        return None, counts
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None, counts
    return ranked[0][0], counts


# Montenegrin's own spelling (the 2009 orthography): the letters ś and ź (śutra, iźesti) and the
# jotated forms of "gdje" (đe, niđe, ovđe). Montenegrin media often write plain ijekavian instead; such
# a text reads as Bosnian or Serbian here, and goes to the same translation pair either way.
_GDJE_FORMS = {"đe": "gdje", "niđe": "nigdje", "neđe": "negdje", "ovđe": "ovdje", "onđe": "ondje"}
_GDJE = re.compile(r"\b(?:" + "|".join(_GDJE_FORMS) + r")\b", re.I)
_MONTENEGRIN = re.compile(r"[śźŚŹ]|\b(?:" + "|".join(_GDJE_FORMS) + r"|iđe|đevoj\w*)\b", re.I)
_TO_IJEKAVIAN = {"ś": "sj", "Ś": "Sj", "ź": "zj", "Ź": "Zj"}


def montenegrin(text: str) -> int:
    """How many letters and words of Montenegrin's own spelling ``text`` has."""
    return len(_MONTENEGRIN.findall(text[:MAX_TEXT]))


def standard_ijekavian(text: str) -> str:
    """Montenegrin spellings an ijekavian analyser knows: ś, ź as sj, zj (śednica: sjednica) and
    đe, niđe, ovđe as gdje, nigdje, ovdje. Other text is returned as it is."""
    if not any(c in text for c in "śźŚŹđĐ"):
        return text
    text = "".join(_TO_IJEKAVIAN.get(c, c) for c in text)

    def gdje(m: re.Match) -> str:
        form = _GDJE_FORMS[m.group().lower()]
        return form.capitalize() if m.group()[0].isupper() else form
    return _GDJE.sub(gdje, text)

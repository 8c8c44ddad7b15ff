"""Which language's lexicon knows a word: evidence for language detection beyond hand-written markers.

The markers of ``worker/hbs.py`` are a few hundred words; most sentences contain none of them and
were guessed. Two lexicons written by others cover the rest of the vocabulary:

* **hunspell's dictionaries** (Debian's ``hunspell-hr``, ``hunspell-sr``, ``hunspell-bs``,
  ``hunspell-sl``), read through libhunspell with ctypes: about 10 µs a word, no subprocess, no
  suggestions computed. Each dictionary follows its own standard's norm: the Croatian one rejects
  *vreme, juče, ubistvo, vazduh, opština, Evropa*; the Serbian and Bosnian ones reject *uhititi,
  ravnatelj, Europa, priopćenje*. A word that some standards' dictionaries accept and others reject
  votes for the ones that accept it. The Serbian dictionary holds ijekavian forms too, and the
  Bosnian one is the smallest (30,000 stems against Serbian's 250,000), so a word only Bosnian lacks
  says nothing, and one only the Serbian dictionary knows counts for Serbian and Bosnian alike. The
  reflex of jat is read by looking up a word's twin: ekavian *dečji* (Croatian knows *dječji*) is
  Serbian, ijekavian *cijevi* (only Serbian knows *cevi*) Croatian or Bosnian.
* **wordfreq's word lists** (shipped in the package) for the Cyrillic languages: a frequent word
  (Zipf 3 or more, once in a million words) of one language that none of the others' lists holds
  (Bulgarian *отново*, Macedonian *денеска*) votes for that language.

Both are optional at run time: without libhunspell or a dictionary, that source gives no votes and
detection falls back to the markers (``available()`` says which are loaded; the tests require all).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import re
import threading
from collections import Counter
from functools import lru_cache
from pathlib import Path

from newsqa import config
from newsqa.worker.hbs import MAX_WORD, WORD

log = logging.getLogger(__name__)

SR, HR, BS, SL = "sr", "hr", "bs", "sl"
DICTIONARIES = {HR: "hr_HR", SR: "sr_Latn_RS", BS: "bs_BA", SL: "sl_SI"}
CYRILLIC_LISTS = ("mk", "bg", "ru", "uk", "sh")  # wordfreq's codes; "sh" holds Serbian (and Croatian, Bosnian)
FREQUENT = 3.0   # Zipf: once in a million words, where wordfreq's small lists begin


class Hunspell:
    """One hunspell dictionary through libhunspell. Lookups are serialised: a handle is not
    documented as safe across threads."""

    def __init__(self, lib: ctypes.CDLL, stem: Path) -> None:
        self._lib = lib
        self._handle = lib.Hunspell_create(str(stem.with_suffix(".aff")).encode(), str(stem.with_suffix(".dic")).encode())
        if not self._handle:
            raise OSError(f"libhunspell could not load {stem}")
        self.encoding = (lib.Hunspell_get_dic_encoding(self._handle) or b"UTF-8").decode("ascii", "replace")
        self._lock = threading.Lock()

    def knows(self, word: str) -> bool:
        try:
            raw = word.encode(self.encoding)
        except (UnicodeEncodeError, LookupError):
            return False  # a letter the dictionary's charset cannot hold: not one of its words
        with self._lock:
            return bool(self._lib.Hunspell_spell(self._handle, raw))


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("hunspell-1.7") or ctypes.util.find_library("hunspell")
    if not name:
        log.warning("libhunspell not found: language detection uses its word markers only")
        return None
    lib = ctypes.CDLL(name)
    lib.Hunspell_create.restype = ctypes.c_void_p
    lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.Hunspell_spell.restype = ctypes.c_int
    lib.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.Hunspell_get_dic_encoding.restype = ctypes.c_char_p
    lib.Hunspell_get_dic_encoding.argtypes = [ctypes.c_void_p]
    return lib


_load_lock = threading.Lock()


@lru_cache(maxsize=None)
def dictionary(standard: str) -> Hunspell | None:
    lib = _library()
    stem = Path(config.HUNSPELL_DIR.get() or "/usr/share/hunspell") / DICTIONARIES[standard]
    if lib is None:
        return None
    if not stem.with_suffix(".dic").is_file():
        log.warning("no hunspell dictionary %s: language detection uses its word markers for %s", stem, standard)
        return None
    with _load_lock:
        return Hunspell(lib, stem)


def available() -> dict[str, bool]:
    """Which hunspell dictionaries are loaded, by standard (wordfreq's lists ship in its package)."""
    return {standard: dictionary(standard) is not None for standard in DICTIONARIES}


@lru_cache(maxsize=262144)
def _knows(standard: str, word: str) -> bool:
    """Whether ``standard``'s dictionary accepts ``word``: one lookup a word and dictionary, whoever
    asks, and only in the dictionaries asked about (a jat twin needs the Croatian and Serbian ones)."""
    d = dictionary(standard)
    return d is not None and d.knows(word)


def _known(word: str, standards: tuple[str, ...] = tuple(DICTIONARIES)) -> frozenset[str]:
    """The standards among ``standards`` whose dictionary accepts ``word``."""
    return frozenset(s for s in standards if _knows(s, word))


def accepted_by(word: str, standards: tuple[str, ...] = (HR, SR, BS)) -> frozenset[str]:
    """The standards whose dictionary accepts ``word``; a capitalised word is read in lower case, as
    an ordinary word at a sentence's start (callers leave out capitalised words inside a sentence:
    names say where a story happens, not how it is written)."""
    if len(word) > MAX_WORD:
        return frozenset()
    return _known(word.lower() if word[:1].isupper() else word, standards)


# The reflex of jat: ije/je in ijekavian (cijevi, mjesto, ljeto), e in ekavian (cevi, mesto, leto).
# "nje" is almost never one ("njega" is no form of "nega"), so n + je is left alone.
_IJEKAVIAN = re.compile(r"(?<=[bcčćdđfghklmprsštvzž])(?:ije|je)")
_EKAVIAN = re.compile(r"(?<=[bcčćdđfghklmnprsštvzž])e")


def _jat(word: str) -> str | None:
    """Which reflex of jat ``word`` shows: "ije" for an ijekavian form whose ekavian twin only the
    Serbian dictionary knows, "e" for an ekavian form whose ijekavian twin the Croatian dictionary
    knows, None when the dictionaries cannot tell."""
    lower = word.lower()
    if len(lower) < 4:
        return None
    if _knows(HR, lower):
        for m in _IJEKAVIAN.finditer(lower):
            twin = lower[:m.start()] + "e" + lower[m.end():]
            if _knows(SR, twin) and not _knows(HR, twin):
                return "ije"
    elif _knows(SR, lower):
        for m in _EKAVIAN.finditer(lower):
            for reflex in ("ije", "je"):
                if _knows(HR, lower[:m.start()] + reflex + lower[m.end():]):
                    return "e"
    return None


@lru_cache(maxsize=65536)
def hbs_votes(word: str) -> frozenset[str]:
    """The Serbo-Croatian standards a word speaks for, or nothing when the dictionaries agree.

    Ekavian is Serbian; ijekavian is Croatian or Bosnian (or Serbian of Bosnia and Montenegro, which
    the labels here do not separate). A word the Croatian dictionary rejects counts for Serbian and
    Bosnian alike: the Bosnian dictionary is too small for its silence to say the word is not Bosnian."""
    if not all(available()[s] for s in (HR, SR, BS)):
        return frozenset()
    known = accepted_by(word)
    if HR in known and SR in known:  # a shared word; its jat reflex may still speak
        return frozenset({HR, BS}) if _jat(word) == "ije" else frozenset()
    if SR in known:  # Croatian rejects it
        return frozenset({SR}) if _jat(word) == "e" else frozenset({SR, BS})
    return known  # Croatian's alone, Croatian's and Bosnian's, Bosnian's alone, or nobody's


def slovene_or_hbs(text: str) -> tuple[int, int] | None:
    """Words only the Slovene dictionary knows, and words only the Serbo-Croatian ones know; None
    without the dictionaries."""
    if not all(available().values()):
        return None
    slovene = shared = 0
    for word in WORD.findall(text):
        known = accepted_by(word, (SL, HR, SR, BS))
        if known == {SL}:
            slovene += 1
        elif known and SL not in known:
            shared += 1
    return slovene, shared


@lru_cache(maxsize=65536)
def _cyrillic_owner(word: str) -> str | None:
    from wordfreq import zipf_frequency

    zipfs = {code: zipf_frequency(word, code) for code in CYRILLIC_LISTS}
    owners = [code for code, z in zipfs.items() if z >= FREQUENT and all(zipfs[o] == 0 for o in zipfs if o != code)]
    return ("sr" if owners[0] == "sh" else owners[0]) if len(owners) == 1 else None


def cyrillic_votes(text: str) -> Counter:
    """Frequent words that one Cyrillic language's list holds and no other's, by language."""
    return Counter(owner for word in WORD.findall(text.lower())
                   if len(word) <= MAX_WORD and (owner := _cyrillic_owner(word)))


def knows_lowercase(word: str, lang: str | None) -> bool:
    """Hunspell's hr/sr/bs dictionaries know the word in lower case: a capitalised "Portparol" at a
    sentence's start is the ordinary word, not a name (``qa.names.find_names``). Macedonian: no."""
    if lang == "mk":
        return False
    try:
        return bool(accepted_by(word.lower()))
    except Exception:  # noqa: BLE001 - a dictionary that cannot be read: the capital decides
        return False

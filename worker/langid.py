"""Language and script of a text, to route it to a translation pair.

A first, simple detector (issue 7 replaces it with a measured one): script by counting letters;
Cyrillic by letters only one language has (ђ ћ Serbian; ѓ ќ ѕ Macedonian; ы э ё Russian; і ї є
Ukrainian); Latin by langdetect, with South Slavic diacritics (č ć đ š ž) routed to the
Serbo-Croatian pair because langdetect has Croatian but no Serbian or Bosnian.
"""

from __future__ import annotations

from dataclasses import dataclass

SERBIAN_ONLY = set("ђћЂЋ")
MACEDONIAN_ONLY = set("ѓќѕЃЌЅ")
RUSSIAN_ONLY = set("ыэёЫЭЁ")
UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
SOUTH_SLAVIC_LATIN = set("čćđšžČĆĐŠŽ")
HBS = {"sr", "hr", "bs", "cnr", "sh"}
# Function words frequent in one language of the pair and absent or rare in the other.
SERBIAN_WORDS = {"у", "је", "су", "из", "са", "код", "који", "која", "које", "били", "био", "била", "ће", "већ", "након"}
MACEDONIAN_WORDS = {"во", "со", "од", "дека", "ќе", "го", "ги", "му", "се", "кој", "која", "што", "беше", "по"}


@dataclass(frozen=True)
class Detection:
    language: str | None
    script: str | None
    confidence: float
    note: str = ""


def detect(text: str, declared: str | None = None) -> Detection:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return Detection(None, None, 0.0, "no letters")
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    script = "Cyrl" if cyrillic * 2 > len(letters) else "Latn"
    declared_base = declared.split("-")[0].lower() if declared else None
    if script == "Cyrl":
        chars = set(text)
        if chars & SERBIAN_ONLY:
            found = "sr"
        elif chars & MACEDONIAN_ONLY:
            found = "mk"
        elif chars & UKRAINIAN_ONLY:
            found = "uk"
        elif chars & RUSSIAN_ONLY:
            found = "ru"
        else:
            words = [w.strip(".,;:!?\"'()«»„“”").lower() for w in text.split()]
            serbian = sum(w in SERBIAN_WORDS for w in words)
            macedonian = sum(w in MACEDONIAN_WORDS for w in words)
            if serbian != macedonian:
                found = "sr" if serbian > macedonian else "mk"
            elif declared_base in HBS | {"mk", "bg", "ru", "uk"}:
                found = declared_base
            else:
                found = _langdetect(text) or "sr"
        return _confirm(Detection(found, script, 0.9), declared_base)
    guess = _langdetect(text)
    if guess in ("hr", "sl", "bs", "sr") or set(text) & SOUTH_SLAVIC_LATIN and guess not in ("en", "cs", "sk", "pl"):
        guess = declared_base if declared_base in HBS else "hr" if guess == "hr" else "sr"
    return _confirm(Detection(guess, script, 0.8 if guess else 0.0), declared_base)


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
        return ld_detect(text[:5000])
    except LangDetectException:
        return None

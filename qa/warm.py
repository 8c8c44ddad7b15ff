"""Load the tables the name rules read lazily, before a worker takes an article.

Why: the checker and the glossary step read GeoNames' places (160,000 keys), en_US's cases, the name
lists and the sound-alike names at their first lookup, in whichever article first needs them. In a
fresh worker process that first article's stage then spends half a second or more loading them, more
on a busy host; a worker killed meanwhile costs the article an attempt (docs/reliability.md), and a
reader waits longer for the first article a replacement process takes. A stage's ``prepare`` calls
:func:`warm` once per process (:func:`warmed`), outside any attempt, as detection warms its models.
"""

from __future__ import annotations

import weakref

import newsqa.qa.sound_alike as sound_alike

# A source sentence and a rough translation that go through the name rules' paths: a place, a person
# in a case, a romanised given name, a company, a sound-alike of a glossary place.
WARM_SOURCE = "Delegati iz Gazaha sreli su Entonija Blinkena i predstavnike kompanije Katar ervejz u Damasku."
WARM_TRANSLATION = "Delegates from Gazakh met Entoni Blinken and representatives of Qatar Airways in Damascus."

_warmed: "weakref.WeakSet" = weakref.WeakSet()


def warm(checker) -> None:
    """Run one check of a sample through ``checker``, once per checker object in this process: it loads
    every lazily read table its rules use (the flags are thrown away)."""
    if checker in _warmed:
        return
    checker.check(WARM_TRANSLATION, source=WARM_SOURCE, source_lang="sr")
    sound_alike.given_name_for("Entoni")  # read only for a flag with no other suggestion
    _warmed.add(checker)


def warmed() -> bool:
    """Whether a checker has been warmed in this process. The tables it loads are the process's, not
    the checker's: a stage warms once, without asking the store for the checker on every article."""
    return len(_warmed) > 0


"""Measuring translation engines with sacrebleu, and term accuracy on entity names.

Corpus chrF++, BLEU and TER with sacrebleu's signatures (so a figure says how it was computed), and
term accuracy as in the WMT terminology task: of the glossary entities named in the sources, the
share whose accepted English name appears in the output. A line may list its entities (gold ids);
otherwise the checker's source matching decides, which favours the glossary step, so the sets we
publish list them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from newsqa.qa import Checker
from newsqa.worker.engines import Engine, get_engine
from newsqa.worker.engines.glossary import GlossaryAware
from newsqa.worker.langid import detect


@dataclass
class EngineScore:
    engine: str
    version: str
    glossary: bool
    lines: int
    chrf: float
    bleu: float
    ter: float
    term_accuracy: float | None
    terms: int
    signatures: dict[str, str]
    skipped: int
    hypotheses: list[tuple[str, str]]  # (id, translation) in input order


def translate_cases(engine: Engine, cases: list[dict]) -> list[str | None]:
    """Translations in input order, one batch per language and script; None where the engine has no pair."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for k, case in enumerate(cases):
        found = detect(case["source"], case.get("source_lang"))
        groups[(case.get("source_lang") or found.language, found.script)].append(k)
    out: list[str | None] = [None] * len(cases)
    for (lang, script), members in groups.items():
        if not lang or not engine.supports(lang, script):
            continue
        for k, result in zip(members, engine.translate([cases[k]["source"] for k in members], lang, script)):
            out[k] = result.text
    return out


def evaluate(engine_name: str, cases: list[dict], checker: Checker, glossary: bool = False) -> EngineScore:
    from sacrebleu.metrics import BLEU, CHRF, TER

    engine = get_engine(engine_name)
    if glossary:
        engine = GlossaryAware(engine, checker)
    translations = translate_cases(engine, cases)
    hypotheses, references, ids = [], [], []
    hits = total = 0
    for number, (case, output) in enumerate(zip(cases, translations), 1):
        if output is None:
            continue
        hypotheses.append(output)
        references.append(case["reference"])
        ids.append((str(case.get("id", number)), output))
        if "entities" in case:
            wanted = set(case["entities"])
        else:
            wanted = {e for e, _, _ in checker.source_entities(case["source"], case.get("source_lang"))}
        hits += len(wanted & checker.mentions(output))
        total += len(wanted)
    metrics = {"chrF++": CHRF(word_order=2), "BLEU": BLEU(), "TER": TER()}
    scores = {name: m.corpus_score(hypotheses, [references]).score if hypotheses else 0.0
              for name, m in metrics.items()}
    return EngineScore(engine.name, engine.version(), glossary, len(hypotheses), scores["chrF++"], scores["BLEU"],
                       scores["TER"], hits / total if total else None, total,
                       {name: str(m.get_signature()) for name, m in metrics.items()},
                       len(cases) - len(hypotheses), ids)

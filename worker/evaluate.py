"""Measuring translation engines with sacrebleu, and term accuracy on entity names.

Corpus chrF++, BLEU and TER with sacrebleu's signatures (so a figure says how it was computed), and
term accuracy as in the WMT terminology task: of the glossary entities named in the sources, the
share whose accepted English name appears in the output.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa import Checker
from worker.engines import get_engine
from worker.langid import detect


@dataclass
class EngineScore:
    engine: str
    version: str
    lines: int
    chrf: float
    bleu: float
    ter: float
    term_accuracy: float | None
    terms: int
    signatures: dict[str, str]
    skipped: int


def evaluate(engine_name: str, cases: list[dict], checker: Checker) -> EngineScore:
    from sacrebleu.metrics import BLEU, CHRF, TER

    engine = get_engine(engine_name)
    hypotheses, references, skipped = [], [], 0
    hits = total = 0
    for case in cases:
        lang = case.get("source_lang") or detect(case["source"]).language
        script = detect(case["source"]).script
        if not engine.supports(lang, script):
            skipped += 1
            continue
        [result] = engine.translate([case["source"]], lang, script)
        hypotheses.append(result.text)
        references.append(case["reference"])
        wanted = set(case.get("entities") or {e for e, _, _ in checker.source_entities(case["source"], lang)})
        named = checker.mentions(result.text)
        hits += len(wanted & named)
        total += len(wanted)
    metrics = {"chrF++": CHRF(word_order=2), "BLEU": BLEU(), "TER": TER()}
    scores = {name: m.corpus_score(hypotheses, [references]).score if hypotheses else 0.0
              for name, m in metrics.items()}
    return EngineScore(engine.name, engine.version(), len(hypotheses), scores["chrF++"], scores["BLEU"],
                       scores["TER"], hits / total if total else None, total,
                       {name: str(m.get_signature()) for name, m in metrics.items()}, skipped)

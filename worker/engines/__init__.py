"""Translation engines behind one interface, chosen by name and imported only when chosen.

As in sacrebleu's tokenisers, the registry holds ``"module:Class"`` strings, so a worker that only
checks English never imports an MT toolkit; ``NEWSQA_MT_ENGINE`` may also name any ``module:Class``.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from newsqa.worker.engines.base import Engine, EngineError, MTResult, NoEngine

REGISTRY = {
    "passthrough": "newsqa.worker.engines.passthrough:Passthrough",
    "apertium": "newsqa.worker.engines.apertium:Apertium",
    "transformers": "newsqa.worker.engines.transformers_mt:Transformers",
    "ctranslate2": "newsqa.worker.engines.ctranslate2_mt:CTranslate2",
}

__all__ = ["Engine", "EngineError", "MTResult", "NoEngine", "REGISTRY", "get_engine"]


@lru_cache(maxsize=None)
def get_engine(name: str) -> Engine:
    """An engine instance by registered name or ``module:Class``; one per process."""
    target = REGISTRY.get(name, name)
    module_name, _, class_name = target.partition(":")
    if not class_name:
        raise NoEngine(f"unknown translation engine {name!r} (known: {', '.join(REGISTRY)}, or module:Class)")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise NoEngine(f"cannot load translation engine {target!r}: {exc}") from None
    return cls()

"""The same models on CTranslate2, a second runtime: the transformers model converted once (int8 on
CPU by default), then decoded by CTranslate2's own C++ engine, which its authors measure at several
times plain transformers on CPU. ``bench/mt.py`` measures it here.

The model folder (``NEWSQA_MT_CT2_MODEL``) is what ``newsqa convert-model`` writes: CTranslate2's
``model.bin`` and vocabulary, and the original tokenizer under ``tokenizer/``. Nothing is downloaded.
Tokenisation and detokenisation are the transformers tokenizer's, so both runtimes read and write
the same pieces.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from functools import cached_property
from pathlib import Path

from newsqa import config
from newsqa.worker.engines.base import EngineError, NoEngine
from newsqa.worker.engines.neural import SentenceEngine, output_limit
from newsqa.worker.engines.transformers_mt import languages

TOKENIZER = "tokenizer"


def convert(source: str | Path, target: str | Path, quantization: str = "int8", force: bool = False) -> Path:
    """Convert a local transformers seq2seq folder into a CTranslate2 folder with its tokenizer."""
    from ctranslate2.converters import TransformersConverter
    from transformers import AutoTokenizer

    source, target = Path(source), Path(target)
    if not (source / "config.json").is_file():
        raise NoEngine(f"{source}: not a transformers model folder (no config.json)")
    if target.exists() and not force:
        raise NoEngine(f"{target} exists (use force to replace it)")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder: never ask the hub
    TransformersConverter(str(source)).convert(str(target), quantization=quantization or None, force=True)
    tokenizer = AutoTokenizer.from_pretrained(str(source), local_files_only=True)
    if (target / TOKENIZER).exists():
        shutil.rmtree(target / TOKENIZER)
    tokenizer.save_pretrained(str(target / TOKENIZER))
    return target


class CTranslate2(SentenceEngine):
    name = "ctranslate2"

    def __init__(self) -> None:
        self.path = config.MT_CT2_MODEL.get()
        self.batch = config.MT_BATCH.number(int, 1)
        self.beams = config.MT_BEAMS.number(int, 1)
        self.languages = languages()
        self._lock = threading.Lock()

    def supports(self, lang: str, script: str | None) -> bool:
        return bool(self.path) and (Path(self.path) / "model.bin").is_file() and lang in self.languages

    @cached_property
    def _loaded(self):
        if not self.path or not (Path(self.path) / "model.bin").is_file():
            raise NoEngine(f"no CTranslate2 model: set {config.MT_CT2_MODEL.name} to a folder made by "
                           "`newsqa convert-model`")
        import ctranslate2
        from transformers import AutoTokenizer

        device = config.MT_DEVICE.get()
        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        compute = config.MT_CT2_COMPUTE.get()
        supported = ctranslate2.get_supported_compute_types(device)
        if compute == "auto":
            compute = "int8_float16" if device == "cuda" else "int8"
            compute = compute if compute in supported else "default"
        elif compute != "default" and compute not in supported:  # asked for by name: say so, do not swap it
            raise NoEngine(f"{config.MT_CT2_COMPUTE.name}={compute} is not supported on {device} "
                           f"(supported: {', '.join(sorted(supported))})")
        translator = ctranslate2.Translator(self.path, device=device, compute_type=compute,
                                            intra_threads=config.MT_THREADS.number(int, 0))
        tokenizer = AutoTokenizer.from_pretrained(str(Path(self.path) / TOKENIZER), local_files_only=True)
        return translator, tokenizer

    def version(self) -> str:
        import ctranslate2

        config_file = Path(self.path or "-") / "config.json"
        digest = hashlib.sha256(config_file.read_bytes()).hexdigest()[:10] if config_file.is_file() else "-"
        return f"ctranslate2 {ctranslate2.__version__}; {Path(self.path or '-').name}@{digest}"

    def translate_sentences(self, sentences: list[str]) -> list[str]:
        translator, tokenizer = self._loaded
        limit = min(getattr(tokenizer, "model_max_length", 512) or 512, 512)
        tokens = [tokenizer.convert_ids_to_tokens(tokenizer.encode(s, truncation=True, max_length=limit))
                  for s in sentences]
        order = sorted(range(len(tokens)), key=lambda k: len(tokens[k]))
        out: list[str] = [""] * len(sentences)
        try:
            with self._lock:
                for start in range(0, len(order), self.batch):
                    chunk = order[start:start + self.batch]
                    longest = max(len(tokens[k]) for k in chunk)
                    results = translator.translate_batch([tokens[k] for k in chunk], beam_size=self.beams,
                                                         max_decoding_length=output_limit(longest, limit))
                    for k, r in zip(chunk, results):
                        ids = tokenizer.convert_tokens_to_ids(r.hypotheses[0])
                        out[k] = tokenizer.decode(ids, skip_special_tokens=True).strip()
        except RuntimeError as exc:
            raise EngineError(f"ctranslate2 failed: {exc}") from exc
        return out

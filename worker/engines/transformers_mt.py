"""Neural MT with transformers: any seq2seq model in a local folder (``NEWSQA_MT_MODEL``).

Helsinki-NLP OPUS-MT (MarianMT) models are the recommended ones for South Slavic into English; NLLB
and M2M100 load too (see docs/engines.md). Nothing is downloaded: the folder must hold the model and
its tokenizer. torch and transformers are imported on first use, once per worker process, never at
CLI or web start. Sentences are translated in batches sorted by length (less padding), on a GPU when
there is one.
"""

from __future__ import annotations

import hashlib
import threading
from functools import cached_property
from pathlib import Path

from newsqa import config
from newsqa.worker.engines.base import EngineError, NoEngine
from newsqa.worker.engines.neural import SentenceEngine, output_limit


def folder_digest(path: str | None) -> str:
    """The model folder's name and config hash: which model made a translation (provenance)."""
    if not path or not (Path(path) / "config.json").is_file():
        return "-"
    return f"{Path(path).name}@{hashlib.sha256((Path(path) / 'config.json').read_bytes()).hexdigest()[:10]}"


def languages() -> set[str]:
    return {x.strip() for x in (config.MT_LANGUAGES.get() or "").split(",") if x.strip()}


class Transformers(SentenceEngine):
    name = "transformers"

    def __init__(self) -> None:
        self.path = config.MT_MODEL.get()
        self.batch = config.MT_BATCH.number(int, 1)
        self.beams = config.MT_BEAMS.number(int, 1)
        self.languages = languages()
        self._lock = threading.Lock()

    def supports(self, lang: str, script: str | None) -> bool:
        return bool(self.path) and Path(self.path).is_dir() and lang in self.languages

    @cached_property
    def _loaded(self):
        if not self.path or not Path(self.path).is_dir():
            raise NoEngine(f"no transformers model: set {config.MT_MODEL.name} to a local model folder")
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        device = config.MT_DEVICE.get()
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        threads = config.MT_THREADS.number(int, 0)
        if threads:
            torch.set_num_threads(threads)
        tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(self.path, local_files_only=True).to(device).eval()
        return torch, tokenizer, model, device

    def version(self) -> str:
        import transformers

        return f"transformers {transformers.__version__}; {folder_digest(self.path)}"

    def translate_sentences(self, sentences: list[str]) -> list[str]:
        torch, tokenizer, model, device = self._loaded
        order = sorted(range(len(sentences)), key=lambda k: len(sentences[k]))
        out: list[str] = [""] * len(sentences)
        limit = min(getattr(model.config, "max_position_embeddings", 512) or 512, 512)
        try:
            with self._lock, torch.inference_mode():
                for start in range(0, len(order), self.batch):
                    chunk = order[start:start + self.batch]
                    batch = tokenizer([sentences[k] for k in chunk], return_tensors="pt", padding=True,
                                      truncation=True, max_length=limit).to(device)
                    generated = model.generate(**batch, num_beams=self.beams,
                                               max_new_tokens=output_limit(batch["input_ids"].shape[1], limit))
                    for k, decoded in zip(chunk, tokenizer.batch_decode(generated, skip_special_tokens=True)):
                        out[k] = decoded.strip()
        except RuntimeError as exc:  # out of memory and the like: may pass
            raise EngineError(f"transformers failed: {exc}") from exc
        return out

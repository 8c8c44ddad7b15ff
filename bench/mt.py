"""Benchmark: translation speed per engine, in source words per second, on CPU (and on a GPU when
this machine has one), at several batch sizes.

Engines: Apertium alone and with the glossary-aware step (on the news sentences of eval/mt*.jsonl,
grouped into articles of eight sentences, one article a call as the pipeline does it), and the same
neural model on two runtimes: transformers (float32) and CTranslate2 (int8, and float32 for a
like-for-like figure), through newsqa's own engines (sentence splitting, length-sorted batches). transformers uses
torch's default threads (all cores); CTranslate2 runs with its default (4) and with 1 thread.

No real model can be downloaded here, so the neural model is a random-weight MarianMT with the
dimensions of an OPUS-MT base model (6+6 layers, d_model 512, 8 heads, FFN 2048, a 58,000-piece
vocabulary). Speed depends on the architecture, not on the weights; but random weights rarely emit
end-of-sentence, so every sentence decodes to the engines' length cap (2 x source + 10 tokens) on
both runtimes alike. The ratio between runtimes is the figure to read; absolute words per second are
lower than with a trained model, which stops at about the source's length.

    python3 bench/mt.py [--articles 16] [--batch 1 8 32] [--beams 1] [--device cpu cuda]

On a GPU machine without Apertium: ``--skip-apertium --device cuda cpu --cpu-batch 32`` (the CPU rows
of the same process are the baseline for the GPU's). A runtime that cannot start on a device (for
example CTranslate2 built for another CUDA version) gets a row with its error instead of a number.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def script(text: str) -> str:
    """Cyrl or Latn by letter count (the sets are labelled with their language, not their script)."""
    letters = [c for c in text if c.isalpha()]
    return "Cyrl" if 2 * sum("\u0400" <= c <= "\u04ff" for c in letters) > len(letters) else "Latn"


def articles(n: int) -> list[tuple[str, str, str]]:
    """(lang, script, text) articles of eight sentences of one language, cycled to n articles."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in ("mt.jsonl", "mt-heldout.jsonl"):
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            groups[(case["source_lang"], script(case["source"]))].append(case["source"])
    pool = [(lang, script, " ".join(sents[i:i + 8])) for (lang, script), sents in sorted(groups.items())
            for i in range(0, len(sents), 8)]
    return [pool[i % len(pool)] for i in range(n)]


def build_base_marian(folder: Path) -> Path:
    """A random-weight MarianMT of OPUS-MT base size, with a SentencePiece vocabulary padded to 58k."""
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    if (folder / "model" / "config.json").is_file():  # built by an earlier run with the same --workdir
        return folder / "model"
    corpus = [json.loads(line)[key] for name in ("mt.jsonl", "mt-heldout.jsonl")
              for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines()
              for key in ("source", "reference")]
    (folder / "corpus.txt").write_text("\n".join(corpus * 5), encoding="utf-8")
    spm.SentencePieceTrainer.train(input=str(folder / "corpus.txt"), model_prefix=str(folder / "spm"),
                                   vocab_size=400, character_coverage=1.0, pad_id=-1, bos_id=-1, eos_id=-1,
                                   unk_id=0, unk_piece="<unk>", minloglevel=2)
    sp = spm.SentencePieceProcessor(model_file=str(folder / "spm.model"))
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
    while len(vocab) < 58_000:  # the output layer costs what a real vocabulary costs
        vocab[f"▁filler{len(vocab)}"] = len(vocab)
    vocab["<pad>"] = pad = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    tokenizer = MarianTokenizer(vocab=str(folder / "vocab.json"), source_spm=str(folder / "spm.model"),
                                target_spm=str(folder / "spm.model"))
    torch.manual_seed(0)
    config = MarianConfig(vocab_size=len(vocab), d_model=512, encoder_layers=6, decoder_layers=6,
                          encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048,
                          decoder_ffn_dim=2048, max_position_embeddings=512, pad_token_id=pad, eos_token_id=0,
                          decoder_start_token_id=pad, forced_eos_token_id=0)
    model_dir = folder / "model"
    MarianMTModel(config).save_pretrained(model_dir)
    tokenizer.save_pretrained(model_dir)
    return model_dir


def timed(engine, docs: list[tuple[str, str, str]], one_call_per_article: bool) -> float:
    by_lang: dict[tuple[str, str], list[str]] = defaultdict(list)
    for lang, script, text in docs:
        by_lang[(lang, script)].append(text)
    t0 = time.perf_counter()
    for (lang, script), texts in by_lang.items():
        if one_call_per_article:
            for text in texts:
                engine.translate([text], lang, script)
        else:
            engine.translate(texts, lang, script)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=16, help="articles of eight sentences (default 16)")
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 8, 32], help="sentences a batch")
    parser.add_argument("--cpu-batch", type=int, nargs="+", help="batch sizes on the CPU (default: --batch)")
    parser.add_argument("--beams", type=int, nargs="+", default=[1])
    parser.add_argument("--device", nargs="+", choices=["cpu", "cuda"],
                        help="where the neural runtimes run (default: cpu, and cuda when torch sees a GPU)")
    parser.add_argument("--ct2-threads", type=int, nargs="+", default=[0, 1],
                        help="CTranslate2 intra_threads to try on the CPU (0: its default, 4)")
    parser.add_argument("--workdir", type=Path, help="where the test model is built, and reused from (default: "
                                                      "a new temporary folder)")
    parser.add_argument("--skip-apertium", action="store_true")
    parser.add_argument("--skip-neural", action="store_true")
    args = parser.parse_args(argv)

    docs = articles(args.articles)
    words = sum(len(text.split()) for _, _, text in docs)
    rows: list[tuple] = []
    print(f"{len(docs)} articles, {words} source words; {os.cpu_count()} CPUs", flush=True)

    if not args.skip_apertium:
        from newsqa.qa import Checker, load_glossary
        from newsqa.worker.engines.apertium import Apertium
        from newsqa.worker.engines.glossary import GlossaryAware

        checker = Checker(load_glossary(ROOT / "seeds" / "glossary.tbx"))
        timed(Apertium(), docs[:2], True)
        for label, engine in (("apertium", Apertium()), ("apertium + glossary", GlossaryAware(Apertium(), checker))):
            seconds = timed(engine, docs, True)
            rows.append((label, "cpu", "-", "-", seconds, words / seconds, None))
            print(rows[-1], flush=True)

    if not args.skip_neural:
        rows += neural_rows(args, docs, words)

    print()
    print("| engine | device | batch | beams | seconds | words/s | vs transformers |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, device, batch, beams, seconds, rate, ratio in rows:
        if isinstance(rate, str):  # the runtime could not run there: its error
            print(f"| {label} | {device} | {batch} | {beams} | – | failed: {rate} | |")
            continue
        print(f"| {label} | {device} | {batch} | {beams} | {seconds:.2f} | {rate:,.0f} | "
              f"{'' if ratio is None else f'{ratio:.2f}×'} |")
    return 0


def neural_rows(args, docs: list[tuple[str, str, str]], words: int) -> list[tuple]:
    """transformers and CTranslate2 at each device, beam and batch size; CTranslate2 is read against
    transformers at the same settings, both run here, in this process."""
    import torch
    from newsqa.worker.engines.ctranslate2_mt import CTranslate2, convert
    from newsqa.worker.engines.transformers_mt import Transformers

    tmp = args.workdir or Path(tempfile.mkdtemp(prefix="newsqa-mt-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    hf = build_base_marian(tmp)
    ct2: Path | str = tmp / "ct2"  # float32 weights; each row loads them in its own compute type
    if not (ct2 / "model.bin").is_file():
        try:
            ct2 = convert(hf, ct2, "float32")
        except Exception as exc:  # noqa: BLE001 - a runtime missing here is a row, not the end of the bench
            ct2 = f"{type(exc).__name__}: {exc}"[:160]
    devices = args.device or (["cpu"] + (["cuda"] if torch.cuda.is_available() else []))
    os.environ.update(NEWSQA_MT_MODEL=str(hf), NEWSQA_MT_LANGUAGES="sr,hr,bs,mk")
    rows: list[tuple] = []
    for device in devices:
        os.environ["NEWSQA_MT_DEVICE"] = device
        gpu = torch.cuda.get_device_name(0) if device == "cuda" and torch.cuda.is_available() else ""
        for beams in args.beams:
            for batch in (args.cpu_batch or args.batch) if device == "cpu" else args.batch:
                os.environ.update(NEWSQA_MT_BATCH=str(batch), NEWSQA_MT_BEAMS=str(beams))
                runs = [("transformers float32", lambda: Transformers(), "0", "")]
                # On a GPU CTranslate2 computes in float16 (with int8 weights or not); threads are a CPU matter.
                for compute in ("int8_float16", "float16") if device == "cuda" else ("int8", "float32"):
                    for threads in args.ct2_threads if device == "cpu" else [0]:
                        label = f"ctranslate2 {compute}"
                        label += f", {threads or 'default'} threads" if device == "cpu" else ""
                        runs.append((label, lambda: _ct2(CTranslate2, ct2), str(threads), compute))
                base = None
                for label, make, threads, compute in runs:
                    os.environ.update(NEWSQA_MT_THREADS=threads, NEWSQA_MT_CT2_COMPUTE=compute or "auto")
                    try:
                        engine = make()
                        timed(engine, docs[:1], False)  # load and warm up
                        if device == "cuda":
                            torch.cuda.synchronize()
                        seconds = timed(engine, docs, False)
                    except Exception as exc:  # noqa: BLE001 - see above
                        rows.append((label, device, batch, beams, None, f"{type(exc).__name__}: {exc}"[:160], None))
                        print(rows[-1], flush=True)
                        continue
                    rate = words / seconds
                    base = base or rate
                    where = device + (f" ({gpu})" if gpu else "")
                    rows.append((label, where, batch, beams, seconds, rate, rate / base))
                    print(rows[-1], flush=True)
    return rows


def _ct2(cls, path: Path | str):
    if not isinstance(path, Path):  # the conversion failed: its error
        raise RuntimeError(path)
    os.environ["NEWSQA_MT_CT2_MODEL"] = str(path)
    return cls()


if __name__ == "__main__":
    raise SystemExit(main())

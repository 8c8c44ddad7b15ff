"""A tiny random-weight MarianMT built in a folder: a SentencePiece vocabulary trained here, a
one-layer model, and its tokenizer. The engines' tests load it through their real code paths."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = ["Izraelska vojska je napala položaje Hezbolaha u južnom Libanu.", "Vlada je usvojila budžet.",
          "The Israeli army attacked Hezbollah positions in southern Lebanon.", "The government adopted the budget.",
          "Борци су ушли у Сирију.", "Fighters entered Syria.", "Deca su se vratila u škole.",
          "Children returned to school."] * 20


def build_tiny_marian(folder: Path, d_model: int = 16, layers: int = 1) -> Path:
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "corpus.txt").write_text("\n".join(CORPUS))
    spm.SentencePieceTrainer.train(input=str(folder / "corpus.txt"), model_prefix=str(folder / "spm"), vocab_size=64,
                                   character_coverage=1.0, model_type="unigram", pad_id=-1, bos_id=-1,
                                   eos_id=-1, unk_id=0, unk_piece="<unk>", minloglevel=2)
    sp = spm.SentencePieceProcessor(model_file=str(folder / "spm.model"))
    # Laid out as OPUS-MT's: </s> first, <pad> last (the decoder's start token).
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
    vocab["<pad>"] = pad = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab))
    tokenizer = MarianTokenizer(vocab=str(folder / "vocab.json"), source_spm=str(folder / "spm.model"),
                                target_spm=str(folder / "spm.model"))
    torch.manual_seed(0)
    config = MarianConfig(vocab_size=len(vocab), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
                          encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=2 * d_model,
                          decoder_ffn_dim=2 * d_model, max_position_embeddings=64, pad_token_id=pad, eos_token_id=0,
                          decoder_start_token_id=pad, forced_eos_token_id=0)
    model_dir = folder / "model"
    MarianMTModel(config).save_pretrained(model_dir)
    tokenizer.save_pretrained(model_dir)
    return model_dir

"""What the neural engines share: an article cut into sentences, translated sentence by sentence in
batches, and put back together with its paragraphs.

A model has a fixed input length (512 tokens for Marian), so whole articles do not fit; sentences
do, and a batch of sentences of similar length wastes little on padding. Subclasses translate a
list of sentences; this class does the rest.
"""

from __future__ import annotations

from newsqa.qa.sentences import join, split
from newsqa.worker.engines.base import MTResult


def output_limit(longest_input: int, model_limit: int) -> int:
    """Tokens a translation may take: twice its longest source sentence and a margin (Marian's own
    decoder stops at a length factor too), so a model that never emits end-of-sentence cannot loop
    to the model's limit on every sentence."""
    return min(model_limit, 2 * longest_input + 10)


class SentenceEngine:
    copies_unknown_words = False  # placeholders are not safe through a model that never saw them

    def translate(self, texts: list[str], lang: str, script: str | None) -> list[MTResult]:
        layout = [split(text) for text in texts]
        where = [(i, j) for i, (pieces, _) in enumerate(layout) for j, piece in enumerate(pieces) if piece.strip()]
        sentences = [layout[i][0][j].strip() for i, j in where]
        translated = self.translate_sentences(sentences) if sentences else []
        pieces_out = [list(pieces) for pieces, _ in layout]
        for (i, j), text in zip(where, translated):
            pieces_out[i][j] = text
        return [MTResult(join(pieces, separators)) for pieces, (_, separators) in zip(pieces_out, layout)]

    def translate_sentences(self, sentences: list[str]) -> list[str]:
        """Translations of the sentences, in order."""
        raise NotImplementedError

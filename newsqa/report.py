"""Reports of processed articles: a terminal summary and a self-contained HTML page.

Article text and glossary terms are untrusted, so every piece is escaped before it is wrapped in
markup: the translation is cut at the flags' offsets, each piece escaped, then the flagged pieces
wrapped in ``<mark>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from newsqa.tasks.models import Article, FlagRow, StageName


@dataclass
class ArticleReport:
    where: str
    article: Article
    flags: list[FlagRow]
    translations: dict[int, str]  # translation id -> text


def text_report(items: list[ArticleReport]) -> str:
    lines = []
    for item in items:
        a = item.article
        head = a.title or item.where
        lines.append(f"#{a.id} {head[:70]}  [{a.state}; {a.language or '?'}; "
                     f"{len(item.flags)} flag{'s' if len(item.flags) != 1 else ''}]")
        if a.state == "dead":
            lines.append(f"    failed: {a.error}")
        detail = (a.stages.get(StageName.TRANSLATE) or {}).get("detail")
        if detail and detail.startswith("untranslated"):
            lines.append(f"    {detail}")
        for f in item.flags:
            found = f"“{f.found}”" if f.found else "(missing)"
            engine = f.translation.engine if f.translation else ""
            lines.append(f"    {f.kind:16} {found} -> “{f.suggestion}”  [{f.confidence:.2f}] ({engine})")
            lines.append(f"    {'':16} {f.reason}")
    return "\n".join(lines)


def marked(text: str, flags: list) -> list[tuple[str, object | None]]:
    """The text cut at the flags' spans: (piece, its flag or None), overlapping flags skipped.

    Callers escape every piece before wrapping the flagged ones (the HTML report here, the review
    page's templates).
    """
    out, pos = [], 0
    for f in sorted((f for f in flags if f.start is not None), key=lambda f: f.start):
        if f.start < pos:
            continue
        if f.start > pos:
            out.append((text[pos:f.start], None))
        out.append((text[f.start:f.end], f))
        pos = f.end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def _marked_html(text: str, flags: list[FlagRow]) -> str:
    return "".join(escape(piece) if f is None else
                   f'<mark title="{escape(f.kind)}: {escape(f.reason)}">{escape(piece)}</mark>'
                   for piece, f in marked(text, flags))


def html_report(items: list[ArticleReport], title: str = "newsqa report") -> str:
    total = sum(len(i.flags) for i in items)
    rows = []
    for item in items:
        a = item.article
        by_translation: dict[int, list[FlagRow]] = {}
        for f in item.flags:
            by_translation.setdefault(f.translation_id, []).append(f)
        meta = " · ".join(escape(x) for x in (a.state, a.language or "?", a.outlet, a.url) if x)
        sections = [f'<section id="a{a.id}"><h2>#{a.id} {escape(a.title or item.where)}</h2>',
                    f'<p class="meta">{meta}</p>']
        if a.error:
            sections.append(f'<p class="error">{escape(a.error)}</p>')
        if item.flags:
            sections.append("<table><tr><th>kind</th><th>found</th><th>suggestion</th><th>confidence</th>"
                            "<th>reason</th></tr>")
            for f in item.flags:
                sections.append(f"<tr><td>{escape(f.kind)}</td><td>{escape(f.found or '—')}</td>"
                                f"<td>{escape(f.suggestion or '')}</td><td>{f.confidence:.2f}</td>"
                                f"<td>{escape(f.reason)}</td></tr>")
            sections.append("</table>")
        for tid, text in item.translations.items():
            flags = by_translation.get(tid, [])
            sections.append(f'<div class="text">{_marked_html(text, flags)}</div>')
        sections.append("</section>")
        rows.append("\n".join(sections))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
body {{ font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
mark {{ background: #ffd54f; padding: 0 .1em; }} .meta {{ color: #555; }} .error {{ color: #b00020; }}
.text {{ white-space: pre-wrap; border-left: 3px solid #ddd; padding-left: 1rem; }}
table {{ border-collapse: collapse; margin: 1rem 0; }} td, th {{ border: 1px solid #ddd; padding: .2rem .5rem; }}
</style></head><body>
<h1>{escape(title)}</h1>
<p>{len(items)} article{'s' if len(items) != 1 else ''}, {total} flag{'s' if total != 1 else ''}.</p>
{''.join(rows)}
</body></html>
"""

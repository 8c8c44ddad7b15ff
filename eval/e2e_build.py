"""Build eval/e2e.jsonl from the annotated eval/e2e.txt (the file a person writes and reads).

Annotations in the source line: ``[surface|entity-id]`` is a mention of a glossary entity,
``{surface|English;other accepted English}`` a name the glossary does not know (a later mention of
the same name may give only its first English form). The JSON lines carry the plain source text and
each mention with its character span in it.

    python eval/e2e_build.py            # writes eval/e2e.jsonl
    python eval/e2e_build.py --check    # exits 1 if eval/e2e.jsonl is not what e2e.txt gives
    python eval/e2e_build.py eval/e2e2.txt [eval/e2e2.jsonl] [--check]
                                        # another annotated set; the output defaults to SOURCE with .jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[([^\]|]+)\|([^\]]+)\]|\{([^}|]+)\|([^}]+)\}")


def parse_source(annotated: str) -> tuple[str, list[dict], list[dict]]:
    text, entities, names, at = "", [], {}, 0
    for m in MARK.finditer(annotated):
        text += annotated[at:m.start()]
        surface = m.group(1) or m.group(3)
        start, end = len(text), len(text) + len(surface)
        text += surface
        at = m.end()
        if m.group(1):
            entities.append({"entity": m.group(2).strip(), "source": surface, "start": start, "end": end})
        else:
            forms = [f.strip() for f in m.group(4).split(";") if f.strip()]
            group = names.setdefault(forms[0], {"english": [], "mentions": []})
            group["english"] += [f for f in forms if f not in group["english"]]
            group["mentions"].append({"source": surface, "start": start, "end": end})
    text += annotated[at:]
    return text, entities, list(names.values())


def build(path: Path) -> list[dict]:
    cases, case = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("== "):
            ident, language, script = line[3:].split()
            case = {"id": ident, "language": language, "script": script}
            cases.append(case)
        elif line.startswith("S: "):
            case["text"], case["entities"], case["names"] = parse_source(line[3:])
        elif line.startswith("R: "):
            case["reference"] = line[3:]
        else:
            raise SystemExit(f"{path}:{number}: expected '== id lang script', 'S: ' or 'R: '")
    return cases


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if a != "--check"]
    if len(paths) > 2:
        raise SystemExit("usage: e2e_build.py [SOURCE.txt [OUT.jsonl]] [--check]")
    source = paths[0] if paths else HERE / "e2e.txt"
    target = paths[1] if len(paths) > 1 else source.with_suffix(".jsonl")
    cases = build(source)
    out = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    if "--check" in argv:
        return 0 if target.exists() and target.read_text(encoding="utf-8") == out else 1
    target.write_text(out, encoding="utf-8")
    mentions = sum(len(c["entities"]) for c in cases)
    names = sum(len(c["names"]) for c in cases)
    langs = sorted({c["language"] for c in cases})
    print(f"{len(cases)} articles ({', '.join(langs)}), {mentions} glossary mentions, {names} other names "
          f"({sum(len(n['mentions']) for c in cases for n in c['names'])} mentions)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

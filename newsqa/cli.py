"""The ``newsqa`` command's entry point, and its checking and translation commands.

A thin face over ``newsqa.qa`` and the engines; every error a user can cause prints one line.
Importing this module registers every command (the glossary and service commands live in
``cli_glossary`` and ``cli_service``); what they share is in ``cli_common``.
"""

from __future__ import annotations

import json

import click

from newsqa import config
from newsqa.cli_common import UserError, load_checker, main, read_jsonl, read_text
from newsqa.qa.errors import NewsqaError
from newsqa.qa.rules import RULES


@main.command()
@click.argument("translation", required=False)
@click.option("--glossary", "-g", metavar="FILE",
              help=f"Glossary: .tbx (TBX 2019 or 2008) or .csv. Default: ${config.GLOSSARY.name} "
                   "or the starter glossary shipped with newsqa.")
@click.option("--source", metavar="FILE", help="The source text the translation was made from.")
@click.option("--source-lang", metavar="LANG", help="Language of the source: sr, hr, bs, mk, ...")
@click.option("--jsonl", metavar="CASES", help="Batch mode: check each JSON line of CASES "
              "({\"id\", \"text\", \"source\", \"source_lang\"}); print one JSON line per case.")
@click.option("--json", "as_json", is_flag=True, help="Print the flags of one translation as JSON.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help=f"Leave out flags below this confidence. Default: ${config.MIN_CONFIDENCE.name} or 0.")
@click.option("--rule", "rules", multiple=True, metavar="RULE", help="Run only this rule (repeatable).")
@click.option("--exclude-rule", "exclude", multiple=True, metavar="RULE", help="Do not run this rule (repeatable).")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
def check(translation: str | None, glossary: str | None, source: str | None, source_lang: str | None,
          jsonl: str | None, as_json: bool, min_confidence: float | None, rules: tuple[str, ...],
          exclude: tuple[str, ...], list_rules: bool) -> None:
    """Flag likely errors in entity names in an English TRANSLATION (a file, or - for stdin).

    \b
    Examples:
      newsqa check -g seeds/glossary.tbx seeds/syria-offensive-2024-12-01.en.txt
      newsqa check -g glossary.tbx article.en.txt --source article.sr.txt --source-lang sr
      newsqa check -g glossary.tbx --jsonl cases.jsonl > flags.jsonl
    """
    if list_rules:
        for rule in RULES.values():
            kinds = ", ".join(f"{k.kind} ({k.confidence:g}{', replaceable' if k.replaceable else ''})" for k in rule.kinds)
            click.echo(f"{rule.id:17} {rule.description}\n{'':17} kinds: {kinds}")
        return
    if (translation is None) == (jsonl is None):
        raise UserError("give either a TRANSLATION file or --jsonl CASES (see newsqa check --help)")
    if jsonl and (source or source_lang):
        raise UserError("--source and --source-lang are per case in --jsonl mode: put them in each line")
    if source_lang and not source:
        raise UserError("--source-lang needs --source")
    try:
        floor = config.min_confidence() if min_confidence is None else min_confidence
    except ValueError as exc:
        raise UserError(str(exc)) from None
    checker = load_checker(glossary, rules, exclude)
    if jsonl:
        for number, case in read_jsonl(jsonl, ("source", "source_lang")):
            flags = checker.check(case["text"], case.get("source"), case.get("source_lang"))
            out = {"id": case.get("id", number),
                   "flags": [f.to_contract() for f in flags if f.confidence >= floor]}
            click.echo(json.dumps(out, ensure_ascii=False))
        return
    text = read_text(translation)
    source_text = read_text(source) if source else None
    flags = [f for f in checker.check(text, source_text, source_lang) if f.confidence >= floor]
    if as_json:
        click.echo(json.dumps({"translation": translation, "glossary_version": checker.version,
                               "flags": [f.to_dict() for f in flags]}, ensure_ascii=False, indent=2))
        return
    click.echo(_report(translation, text, flags, checker))


def _report(name: str, text: str, flags: list, checker) -> str:
    entities = checker.entity_count
    lines = [f"{name}: {len(flags)} flag{'s' if len(flags) != 1 else ''} "
             f"({checker.version}, {entities} entities)"]
    for flag in flags:
        if flag.start is None:
            where = "(not in translation)"
        else:
            line = text.count("\n", 0, flag.start) + 1
            col = flag.start - (text.rfind("\n", 0, flag.start) + 1) + 1
            where = f"line {line}:{col}"
        found = f"“{flag.found}”" if flag.found else "—"
        lines.append(f"  {where:22} {flag.kind:16} {found} -> “{flag.suggestion}”  [{flag.confidence:.2f}]")
        lines.append(f"  {'':22} {flag.reason}")
    return "\n".join(lines)


@main.command("config")
def show_config() -> None:
    """List the NEWSQA_ environment variables, their current values and what they do."""
    for setting in config.SETTINGS:
        click.echo(f"{setting.name}={setting.get() or ''}\n    {setting.help} (default: {setting.default})")




@main.command()
@click.argument("text_file", required=False)
@click.option("--jsonl", metavar="FILE", help="One JSON object a line with \"id\" and \"text\" (and optionally "
              "\"language\", the declared one); prints {\"id\", \"language\", \"script\", \"confidence\"} per line.")
def detect(text_file: str | None, jsonl: str | None) -> None:
    """Detect the language (ISO 639-1) and script (ISO 15924) of a text or of each JSONL line.

    \b
    Examples:
      newsqa detect article.txt
      newsqa detect --jsonl texts.jsonl
    """
    from newsqa.worker.langid import detect as find

    if (text_file is None) == (jsonl is None):
        raise UserError("give either a TEXT_FILE or --jsonl FILE (see newsqa detect --help)")
    if text_file:
        d = find(read_text(text_file))
        click.echo(json.dumps({"language": d.language, "script": d.script, "confidence": d.confidence}))
        return
    for number, item in read_jsonl(jsonl, ("language",)):
        d = find(item["text"], item.get("language"))
        out = {"id": item.get("id", number), "language": d.language, "script": d.script,
               "confidence": d.confidence}
        if d.note:
            out["note"] = d.note
        click.echo(json.dumps(out, ensure_ascii=False))


def _mt_cases(path: str, required: tuple[str, ...]) -> list[dict]:
    cases = []
    for number, case in read_jsonl(path, ("source_lang",), required=required):
        entities = case.get("entities")
        if entities is not None and not (isinstance(entities, list) and all(isinstance(e, str) for e in entities)):
            raise UserError(f"{path}:{number}: \"entities\" must be a list of glossary ids")
        case.setdefault("id", number)
        cases.append(case)
    return cases


@main.command("eval-mt")
@click.option("--data", "data", required=True, multiple=True, metavar="FILE",
              help="JSONL (repeatable): \"source\", \"source_lang\", \"reference\", optionally \"entities\" "
                   "(glossary ids the output must name).")
@click.option("--engine", "engines", multiple=True, default=("apertium",), show_default=True,
              help="An engine to measure (repeatable): apertium, transformers, ctranslate2, or module:Class.")
@click.option("--glossary", "-g", metavar="FILE",
              help=f"Glossary for the glossary-aware step and term accuracy. Default: ${config.GLOSSARY.name}.")
def eval_mt(data: tuple[str, ...], engines: tuple[str, ...], glossary: str | None) -> None:
    """Measure engines on a parallel set, each without and with the glossary-aware step: corpus
    chrF++, BLEU and TER (sacrebleu) and term accuracy.

    \b
    Example:
      newsqa eval-mt --data eval/mt.jsonl --data eval/mt-heldout.jsonl --engine apertium
    """
    from newsqa.worker.engines import EngineError
    from newsqa.worker.evaluate import evaluate

    cases = [case for path in data for case in _mt_cases(path, ("source", "reference"))]
    checker = load_checker(glossary)
    click.echo(f"{'engine':14} {'glossary':8} {'lines':>5} {'chrF++':>7} {'BLEU':>6} {'TER':>6} {'term acc.':>12}"
               "  version")
    signatures = {}
    for name in engines:
        for aware in (False, True):
            try:
                s = evaluate(name, cases, checker, glossary=aware)
            except (NewsqaError, EngineError) as exc:
                raise UserError(str(exc)) from None
            terms = f"{100 * s.term_accuracy:5.1f}% /{s.terms}" if s.term_accuracy is not None else "—"
            click.echo(f"{s.engine:14} {'yes' if aware else 'no':8} {s.lines:5} {s.chrf:7.1f} {s.bleu:6.1f} "
                       f"{s.ter:6.1f} {terms:>12}  {s.version}"
                       + (f"  ({s.skipped} lines in languages it does not translate)" if s.skipped else ""))
            signatures = s.signatures
    for metric, signature in signatures.items():
        click.echo(f"{metric}: {signature}")


@main.command()
@click.argument("text_file", required=False)
@click.option("--jsonl", metavar="FILE", help="Batch: one JSON object a line, {\"id\", \"source\", \"source_lang\"} "
              "(source_lang may be null: detected); prints {\"id\", \"translation\", \"engine\"} per line, "
              "in input order.")
@click.option("--source-lang", metavar="LANG", help="Language of TEXT_FILE (default: detected).")
@click.option("--engine", default=None, metavar="NAME",
              help=f"apertium, transformers, ctranslate2 or module:Class. Default: ${config.MT_ENGINE.name} "
                   f"or {config.MT_ENGINE.default}. English is passed through.")
@click.option("--glossary", "-g", metavar="FILE", help="Turn on the glossary-aware step with this glossary "
              "(.tbx or .csv): every entity the source names comes out under its preferred English name.")
def translate(text_file: str | None, jsonl: str | None, source_lang: str | None, engine: str | None,
              glossary: str | None) -> None:
    """Translate a text, or each line of a JSONL batch, into English.

    A line in a language the engine does not translate gets "translation": null and an "error".

    \b
    Examples:
      newsqa translate article.sr.txt
      newsqa translate --glossary seeds/glossary.tbx --jsonl sources.jsonl > translations.jsonl
    """
    from newsqa.worker.engines import EngineError, NoEngine, get_engine
    from newsqa.worker.engines.glossary import GlossaryAware
    from newsqa.worker.evaluate import translate_cases

    if (text_file is None) == (jsonl is None):
        raise UserError("give either a TEXT_FILE or --jsonl FILE (see newsqa translate --help)")
    if jsonl and source_lang:
        raise UserError("--source-lang is per line in --jsonl mode: put \"source_lang\" in each line")
    cases = _mt_cases(jsonl, ("source",)) if jsonl else [{"id": 1, "source": read_text(text_file),
                                                         "source_lang": source_lang}]
    checker = load_checker(glossary) if glossary else None
    name = engine or config.MT_ENGINE.get()
    try:
        engines = {"mt": get_engine(name), "en": get_engine("passthrough")}
    except NoEngine as exc:
        raise UserError(str(exc)) from None
    if checker:
        engines = {k: GlossaryAware(e, checker) for k, e in engines.items()}
    out = [{"id": case["id"], "translation": None, "engine": None} for case in cases]
    for key, chosen in engines.items():
        members = [k for k, case in enumerate(cases)
                   if ((case.get("source_lang") or _detected(case["source"])) == "en") == (key == "en")]
        if not members:
            continue
        try:
            results = translate_cases(chosen, [cases[k] for k in members])
        except (NoEngine, EngineError) as exc:
            results = [None] * len(members)
            error = str(exc)
        else:
            error = f"{chosen.name} does not translate this language"
        for k, text in zip(members, results):
            out[k].update(translation=text, engine=chosen.name)
            if text is None:
                out[k]["error"] = error
    if text_file:
        if out[0]["translation"] is None:
            raise UserError(out[0]["error"])
        click.echo(out[0]["translation"].rstrip("\n"))
        return
    for item in out:
        click.echo(json.dumps(item, ensure_ascii=False))


@main.command("convert-model")
@click.argument("source", type=click.Path(file_okay=False))
@click.argument("target", type=click.Path(file_okay=False))
@click.option("--quantization", type=click.Choice(["int8", "int8_float16", "float16", "float32"]), default="int8",
              show_default=True, help="Weight type of the converted model (int8: smallest and fastest on CPU).")
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
def convert_model(source: str, target: str, quantization: str, force: bool) -> None:
    """Convert a local transformers model folder (MarianMT, NLLB, M2M100) for the ctranslate2 engine.

    \b
    Example:
      newsqa convert-model /models/opus-mt-tc-big-sh-en /models/opus-mt-tc-big-sh-en-ct2
      export NEWSQA_MT_ENGINE=ctranslate2 NEWSQA_MT_CT2_MODEL=/models/opus-mt-tc-big-sh-en-ct2
    """
    try:
        from newsqa.worker.engines.ctranslate2_mt import convert
    except ImportError as exc:  # pragma: no cover - the [mt] extra is missing
        raise UserError(f"converting needs the [mt] extra: {exc}") from None
    from newsqa.worker.engines import NoEngine

    try:
        out = convert(source, target, quantization, force)
    except (NoEngine, OSError, ValueError) as exc:
        raise UserError(str(exc)) from None
    click.echo(f"{out}: CTranslate2 model ({quantization}) with its tokenizer")


def _detected(text: str) -> str | None:
    from newsqa.worker.langid import detect as find

    return find(text).language


from newsqa import cli_glossary, cli_service  # noqa: E402,F401  (registers their commands on main)

"""Every setting newsqa reads, in one table: environment variables with the ``NEWSQA_`` prefix.

Kept as (name, default, help) rows so that ``newsqa config``, the README table and the docker
files' test come from the same place as the code that reads them. Values are parsed strictly: a
bad value is an error that names the variable, not a silent default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class SettingError(ValueError):
    """A setting with a value that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str

    def get(self) -> str | None:
        value = os.environ.get(self.name)
        return value if value not in (None, "") else self.default

    def number(self, kind: type = float, low: float | None = None, high: float | None = None):
        raw = self.get()
        try:
            value = kind(raw)
        except (TypeError, ValueError):
            raise SettingError(f"{self.name} must be a{'n integer' if kind is int else ' number'}, not {raw!r}") from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise SettingError(f"{self.name} must be between {low} and {high}, not {raw!r}")
        return value


GLOSSARY = Setting("NEWSQA_GLOSSARY", None,
                   "Glossary file (TBX 2019/2008 or CSV) the checker uses, and the one an empty store "
                   "imports; unset: the starter glossary shipped with newsqa.")
MIN_CONFIDENCE = Setting("NEWSQA_MIN_CONFIDENCE", "0.0",
                         "Flags below this confidence are not reported by `newsqa check` (0 to 1).")
DATABASE_URL = Setting("NEWSQA_DATABASE_URL", "sqlite:///newsqa.sqlite3",
                       "The store: a SQLAlchemy URL, SQLite file by default, or "
                       "postgresql+psycopg://user@host/db.")
BROKER_URL = Setting("NEWSQA_BROKER_URL", "redis://127.0.0.1:6379/0", "Celery broker (Redis).")
API_TOKENS = Setting("NEWSQA_API_TOKENS", "",
                     "Comma-separated bearer tokens accepted by POST /api/articles (none: API closed).")
MAX_BODY_BYTES = Setting("NEWSQA_MAX_BODY_BYTES", "33554432",
                         "Largest request body POST /api/articles reads (32 MiB: a maximum-size article and "
                         "translation, JSON-escaped); a larger one is refused with 413 before it is read.")
MAX_TRANSLATE_CHARS = Setting("NEWSQA_MAX_TRANSLATE_CHARS", "200000",
                              "Longest text (after HTML is removed) sent to a translation engine, about 30,000 "
                              "words; a longer article ends dead at once with the reason, before any engine time.")
MAX_ATTEMPTS = Setting("NEWSQA_MAX_ATTEMPTS", "3",
                       "Attempts at an article before it is marked dead.")
LEASE_SECONDS = Setting("NEWSQA_LEASE_SECONDS", "30",
                        "Seconds a stage's lease lasts without renewal: a running stage renews it every third "
                        "of that, so a dead worker's article is taken back within this (plus a reconciler run).")
SOFT_TIME_LIMIT = Setting("NEWSQA_SOFT_TIME_LIMIT", "300", "Seconds a stage may run before it is asked to stop.")
HARD_TIME_LIMIT = Setting("NEWSQA_HARD_TIME_LIMIT", "360", "Seconds a stage may run before its process is killed.")
RECONCILE_SECONDS = Setting("NEWSQA_RECONCILE_SECONDS", "10",
                            "How often the reconciler runs in the worker started with --beat; `newsqa status` "
                            "calls it stale after three times this.")
REQUEUE_AFTER = Setting("NEWSQA_REQUEUE_AFTER", "300",
                        "Seconds after which the reconciler queues again a pending article, or one waiting between "
                        "stages, whose message may be lost (a broker that lost its queues is noticed at once).")
BROKER_TIMEOUT = Setting("NEWSQA_BROKER_TIMEOUT", "5",
                         "Seconds to connect to the broker or send to it before giving up (the article stays "
                         "stored, pending, for the reconciler).")
DB_CONNECT_TIMEOUT = Setting("NEWSQA_DB_CONNECT_TIMEOUT", "5", "Seconds to connect to the store's database.")
DB_STATEMENT_TIMEOUT = Setting("NEWSQA_DB_STATEMENT_TIMEOUT", "30",
                               "Seconds one database statement may run or wait for a lock (PostgreSQL "
                               "statement_timeout; SQLite's busy timeout) before it fails.")
VISIBILITY_TIMEOUT = Setting("NEWSQA_VISIBILITY_TIMEOUT", "3600",
                             "Seconds Redis waits for an unacknowledged task before delivering it again.")
LANGID_ACCURACY = Setting("NEWSQA_LANGID_ACCURACY", "low",
                          "lingua's mode where letters and words leave the language open: low (27 MB, the "
                          "default) or high (about 400 MB a process; see docs/pipeline.md for what it buys).")
HUNSPELL_DIR = Setting("NEWSQA_HUNSPELL_DIR", "/usr/share/hunspell",
                       "Folder of the hunspell dictionaries (hr_HR, sr_Latn_RS, bs_BA, sl_SI) that language "
                       "detection reads through libhunspell; without them it uses its word markers only.")
MT_ENGINE = Setting("NEWSQA_MT_ENGINE", "apertium",
                    "Engine for non-English text: a registered name (apertium) or module:Class.")
MT_ENGINES = Setting("NEWSQA_MT_ENGINES", "",
                     "Engines for particular source languages, as language=engine pairs separated by commas "
                     "(tr=mypkg.mt:Turkish,ar=transformers); a language not named here gets NEWSQA_MT_ENGINE, "
                     "and one that engine does not translate is stored untranslated with the reason.")
MT_MODEL = Setting("NEWSQA_MT_MODEL", "",
                   "Local folder of a transformers seq2seq model (MarianMT, NLLB, M2M100) for the transformers engine.")
MT_DEVICE = Setting("NEWSQA_MT_DEVICE", "auto", "Where the transformers engine runs: auto (a GPU if there is one), cpu or cuda.")
MT_BATCH = Setting("NEWSQA_MT_BATCH", "16", "Sentences per batch for the transformers engine.")
MT_BEAMS = Setting("NEWSQA_MT_BEAMS", "4", "Beam size for the transformers engine (1: greedy).")
MT_THREADS = Setting("NEWSQA_MT_THREADS", "0",
                     "CPU threads per translation for the transformers and ctranslate2 engines (0: the "
                     "runtime's default; docs/engines.md measures both).")
MT_LANGUAGES = Setting("NEWSQA_MT_LANGUAGES", "sr,hr,bs,cnr,sh,mk",
                       "Source languages the transformers model translates (comma-separated).")
MT_GLOSSARY = Setting("NEWSQA_MT_GLOSSARY", "1",
                      "1: glossary-aware translation (every entity the source names comes out under its "
                      "preferred English name); 0: the engine's output as it is.")
MT_CT2_MODEL = Setting("NEWSQA_MT_CT2_MODEL", "",
                         "Local folder of a CTranslate2 model for the ctranslate2 engine (convert one with "
                         "`newsqa convert-model`); its tokenizer files are read from the same folder.")
MT_CT2_COMPUTE = Setting("NEWSQA_MT_CT2_COMPUTE", "auto",
                         "CTranslate2 compute type: auto (int8 on the CPU, int8_float16 on a GPU), or one of "
                         "CTranslate2's own (int8, float32, float16, int8_float16, bfloat16, default).")
NAME_STYLE = Setting("NEWSQA_NAME_STYLE", "diacritics",
                     "House style for names the glossary does not know: South Slavic names keep their "
                     "diacritics (diacritics: Vučić) or lose them (ascii: Vucic); other names are restored "
                     "from Serbian spelling by dž→j, š→sh, č→ch, ž→zh, j→y, el→al- either way.")
APERTIUM = Setting("NEWSQA_APERTIUM", "apertium", "The apertium program (used when the pipeline is not kept).")
APERTIUM_KEEP = Setting("NEWSQA_APERTIUM_KEEP", "1",
                        "1: each worker process keeps one Apertium pipeline per pair running (null-flush "
                        "mode, docs/engines.md); 0: a fresh `apertium` per text, as before.")
APERTIUM_MODES = Setting("NEWSQA_APERTIUM_MODES", "/usr/share/apertium/modes",
                         "Folder of Apertium's mode files (hbs-eng.mode, ...) that a kept pipeline starts.")
APERTIUM_TIMEOUT = Setting("NEWSQA_APERTIUM_TIMEOUT", "120",
                           "Seconds one text may take in Apertium; a kept pipeline that takes longer is "
                           "killed (a hang) and started again.")
APERTIUM_MAX_REQUESTS = Setting("NEWSQA_APERTIUM_MAX_REQUESTS", "1000",
                                "Texts a kept Apertium pipeline translates before it is replaced (bounds "
                                "its memory).")
APERTIUM_MAX_RSS_MB = Setting("NEWSQA_APERTIUM_MAX_RSS_MB", "512",
                              "Resident memory (MiB, its programs together) above which a kept Apertium "
                              "pipeline is replaced.")
REPORT = Setting("NEWSQA_REPORT", "newsqa-report.html", "Where `newsqa run` writes its HTML report.")
SECRET_KEY = Setting("NEWSQA_SECRET_KEY", "",
                     "Key that signs the review page's session cookies (none: a random key, so logins "
                     "end when the server restarts).")
SECURE_COOKIES = Setting("NEWSQA_SECURE_COOKIES", "0", "1 to send session cookies over HTTPS only.")
LOGIN_LOCK_AFTER = Setting("NEWSQA_LOGIN_LOCK_AFTER", "5",
                           "Wrong passwords in a row after which a review account is locked for a while.")
LOGIN_LOCK_SECONDS = Setting("NEWSQA_LOGIN_LOCK_SECONDS", "30",
                             "First lock after too many wrong passwords; it doubles with each further one (at most an hour).")
INDEX_DIR = Setting("NEWSQA_INDEX_DIR", "",
                    "Folder of the glossary index files that all worker processes on a machine map and share "
                    "(one per store and glossary version; see docs/glossary.md); unset: newsqa/index in the "
                    "user's cache folder ($XDG_CACHE_HOME, else ~/.cache).")
INDEX_OVERLAY = Setting("NEWSQA_INDEX_OVERLAY", "5000",
                        "Most entities edited since the index file was built that a worker lays over it in "
                        "memory; past that (or after an import) the file is built again.")


def engine_for(language: str | None) -> str:
    """The engine named for ``language`` in NEWSQA_MT_ENGINES, else NEWSQA_MT_ENGINE."""
    for pair in (MT_ENGINES.get() or "").split(","):
        if not pair.strip():
            continue
        code, sep, engine = pair.partition("=")
        if not sep or not code.strip() or not engine.strip():
            raise SettingError(f"{MT_ENGINES.name} must be language=engine pairs separated by commas, not {pair!r}")
        if language and code.strip().lower() == language.lower():
            return engine.strip()
    return MT_ENGINE.get() or "apertium"


SETTINGS = [GLOSSARY, MIN_CONFIDENCE, DATABASE_URL, BROKER_URL, API_TOKENS, MAX_BODY_BYTES, MAX_TRANSLATE_CHARS, MAX_ATTEMPTS, LEASE_SECONDS,
            SOFT_TIME_LIMIT, HARD_TIME_LIMIT, RECONCILE_SECONDS, REQUEUE_AFTER, BROKER_TIMEOUT, DB_CONNECT_TIMEOUT,
            DB_STATEMENT_TIMEOUT, VISIBILITY_TIMEOUT, LANGID_ACCURACY,
            HUNSPELL_DIR, MT_ENGINE, MT_ENGINES, MT_MODEL, MT_DEVICE, MT_BATCH, MT_BEAMS, MT_THREADS, MT_LANGUAGES,
            MT_GLOSSARY, MT_CT2_MODEL, MT_CT2_COMPUTE, NAME_STYLE, APERTIUM, APERTIUM_KEEP, APERTIUM_MODES, APERTIUM_TIMEOUT,
            APERTIUM_MAX_REQUESTS, APERTIUM_MAX_RSS_MB, REPORT,
            SECRET_KEY, SECURE_COOKIES, LOGIN_LOCK_AFTER, LOGIN_LOCK_SECONDS, INDEX_DIR, INDEX_OVERLAY]


def glossary_path() -> str:
    """The glossary file to use: ``NEWSQA_GLOSSARY``, or the starter glossary shipped as package data.

    The shipped glossary is found by an absolute path, so a command works from any folder.
    """
    from newsqa.seeds import STARTER_GLOSSARY

    return GLOSSARY.get() or str(STARTER_GLOSSARY)


def index_dir() -> Path:
    """Where shared glossary index files live (``NEWSQA_INDEX_DIR``, else the user's cache folder)."""
    chosen = INDEX_DIR.get()
    if chosen:
        return Path(chosen).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "newsqa" / "index"


def index_overlay() -> int:
    return INDEX_OVERLAY.number(int, 0, 10**7)


def min_confidence() -> float:
    return MIN_CONFIDENCE.number(float, 0.0, 1.0)


def api_tokens() -> set[str]:
    return {t.strip() for t in (API_TOKENS.get() or "").split(",") if t.strip()}

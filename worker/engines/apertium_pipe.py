"""Apertium kept running: one null-flush pipeline per mode and worker process, as apertium-apy does.

``apertium hbs-eng`` starts about ten programs per call (the pair's mode file is a shell pipe), each
loading its transducers again: some 0.2-0.3 s of start-up whatever the length of the text. Here the
mode file's programs are started once, each with ``-z`` (null flush: translate up to a NUL, write
the result and a NUL, flush, wait for more), and a text goes through them as its stream-escaped form
followed by a NUL.

The text is deformatted and reformatted by Apertium's own ``apertium-destxt`` and ``apertium-retxt``
(short-lived, a few milliseconds each, as apertium-apy does), and the programs are the ones the
``apertium`` script itself runs (``apertium-wblank-mode -z``), so the translation is byte for byte
what a fresh ``apertium MODE`` prints; tests/test_apertium_pipe.py checks that on varied texts.

A pipeline that died is started again before the next text; one that takes longer than the timeout
is killed (a hang) and the text fails with :class:`EngineError` so that the task is retried. Its
memory is bounded: after ``NEWSQA_APERTIUM_MAX_REQUESTS`` texts, or when its programs together hold
more than ``NEWSQA_APERTIUM_MAX_RSS_MB``, it is replaced by a fresh one.
"""

from __future__ import annotations

import atexit
import os
import selectors
import shlex
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from newsqa.worker.engines.base import EngineError

_READ = 1 << 16


@dataclass(frozen=True)
class PipeLimits:
    """When a kept pipeline is given up: a hang, a number of texts, a memory size."""

    timeout_s: float = 120.0
    max_requests: int = 1000
    max_rss_mib: float = 1024.0


def mode_commands(mode_file: Path) -> list[list[str]]:
    """The programs of a mode file, each with ``-z``, in the order ``apertium`` runs them.

    ``apertium-wblank-mode -z`` is what the ``apertium`` script itself runs: it adds ``-z`` to each
    program and the word-bound-blank helpers. ``$1`` is the generator's option for marked unknown
    words (``-g``), as ``apertium`` without ``-u`` passes it.
    """
    try:
        out = subprocess.run(["apertium-wblank-mode", "-z", str(mode_file)], capture_output=True, text=True,
                             timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        # an older Apertium without the helper: the mode file itself, -z added after each program
        out = " | ".join(_with_z(part) for part in mode_file.read_text().strip().split("|"))
    commands = []
    for part in out.strip().split("|"):
        argv = [a for a in shlex.split(part.replace("$1", "-g").replace("$2", "")) if a]
        if argv:
            commands.append(argv)
    if not commands:
        raise EngineError(f"apertium mode file {mode_file} names no program")
    return commands


def _with_z(command: str) -> str:
    program, _, rest = command.strip().partition(" ")
    return f"{program} -z {rest}"


def _format(program: str, data: bytes, timeout: float) -> bytes:
    """Run Apertium's plain-text deformatter or reformatter over ``data`` (they read to the end)."""
    try:
        out = subprocess.run([program], input=data, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise EngineError(f"{program} took longer than {timeout} s") from None
    except OSError as exc:
        raise EngineError(f"cannot run {program}: {exc}") from None
    if out.returncode != 0:
        raise EngineError(f"{program} failed: {out.stderr.decode(errors='replace').strip()[:300]}")
    return out.stdout


class KeptPipeline:
    """One running null-flush pipeline for one mode; one text at a time (a lock guards it)."""

    def __init__(self, mode_file: Path, limits: PipeLimits) -> None:
        self.mode_file = mode_file
        self.limits = limits
        self.commands = mode_commands(mode_file)
        self._procs: list[subprocess.Popen] = []
        self._owner = 0
        self._lock = threading.Lock()
        self.requests = 0  # texts through the running programs
        self.starts = 0  # how many times the programs were started (restarts = starts - 1)

    # -- the public face -------------------------------------------------------------------------
    def translate(self, text: str) -> str:
        """``text`` translated exactly as ``apertium MODE`` would; EngineError on a hang or crash."""
        deformatted = _format("apertium-destxt", text.encode("utf-8"), self.limits.timeout_s)
        with self._lock:
            raw = self._through(deformatted.replace(b"\0", b""))
        return _format("apertium-retxt", raw, self.limits.timeout_s).decode("utf-8")

    def pids(self) -> list[int]:
        return [p.pid for p in self._procs]

    def rss_mib(self) -> float:
        """Resident memory of the pipeline's programs together (from /proc)."""
        total_kib = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total_kib += int(line.split()[1])
            except (OSError, ValueError):
                pass
        return total_kib / 1024

    def close(self) -> None:
        """Stop the programs: end of input first, then a kill for any that linger."""
        procs, self._procs = self._procs, []
        if self._owner != os.getpid():
            return  # inherited through fork: the parent's programs, not ours to stop
        for proc in procs:
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:
                        pass
        for proc in procs:
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    # -- process management ----------------------------------------------------------------------
    def _alive(self) -> bool:
        return bool(self._procs) and self._owner == os.getpid() and all(p.poll() is None for p in self._procs)

    def _start(self) -> None:
        if self._owner != os.getpid():
            self._procs = []  # after a fork the child starts its own
        self.close()
        procs: list[subprocess.Popen] = []
        upstream = None
        try:
            for argv in self.commands:
                proc = subprocess.Popen(argv, stdin=upstream if upstream is not None else subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
                if upstream is not None:
                    upstream.close()  # the next program holds it now
                upstream = proc.stdout
                procs.append(proc)
        except OSError as exc:
            for proc in procs:
                proc.kill()
            raise EngineError(f"cannot start apertium's {self.mode_file.stem} pipeline: {exc}") from None
        self._procs, self._owner = procs, os.getpid()
        self.requests = 0
        self.starts += 1

    def _through(self, data: bytes) -> bytes:
        """Send one NUL-terminated block, read until the NUL that ends its translation."""
        if not self._alive() or self._spent():
            self._start()
        try:
            try:
                out = self._exchange(data + b"\0")
            except _Dead:
                self._start()  # died between texts or at this one: one fresh try
                out = self._exchange(data + b"\0")
        except _Dead as exc:
            self._kill()
            raise EngineError(f"apertium {self.mode_file.stem} stopped while translating: {exc}") from None
        except BaseException:
            # a timeout, or the task's own time limit, mid-text: what is still in the pipes would come
            # out as the next text's translation, so these programs are never used again
            self._kill()
            raise
        self.requests += 1
        return out

    def _spent(self) -> bool:
        return self.requests >= self.limits.max_requests or self.rss_mib() > self.limits.max_rss_mib

    def _exchange(self, block: bytes) -> bytes:
        """Write and read at once (a long text would fill both pipes otherwise), under the timeout."""
        stdin, stdout = self._procs[0].stdin, self._procs[-1].stdout
        assert stdin is not None and stdout is not None
        deadline = time.monotonic() + self.limits.timeout_s
        received = bytearray()
        view, sent = memoryview(block), 0
        with selectors.DefaultSelector() as sel:
            os.set_blocking(stdin.fileno(), False)
            sel.register(stdin, selectors.EVENT_WRITE)
            sel.register(stdout, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise EngineError(f"apertium {self.mode_file.stem} took longer than {self.limits.timeout_s:g} s; "
                                      "its pipeline was stopped (the next text starts a fresh one)")
                for key, _ in sel.select(timeout=min(left, 1.0)):
                    if key.fileobj is stdin:
                        try:
                            sent += os.write(stdin.fileno(), view[sent:sent + _READ])
                        except BlockingIOError:
                            continue
                        except (BrokenPipeError, OSError) as exc:
                            raise _Dead(f"its input closed ({exc})") from None
                        if sent >= len(block):
                            sel.unregister(stdin)
                    else:
                        chunk = os.read(stdout.fileno(), _READ)
                        if not chunk:
                            raise _Dead("its output ended")
                        received += chunk
                        if received.endswith(b"\0"):
                            return bytes(received[:-1])

    def _kill(self) -> None:
        if self._owner == os.getpid():
            for proc in self._procs:
                proc.kill()
            for proc in self._procs:
                proc.wait()
        self.close()


class _Dead(Exception):
    """The pipeline's programs are gone (killed, crashed) while a text was in them."""


_PIPELINES: dict[tuple[str, str], KeptPipeline] = {}
_PIPELINES_LOCK = threading.Lock()


def kept_pipeline(mode_file: Path, limits: PipeLimits) -> KeptPipeline:
    """This process's pipeline for ``mode_file``, made on first use (one per mode and process)."""
    key = (str(mode_file), repr(limits))
    with _PIPELINES_LOCK:
        pipe = _PIPELINES.get(key)
        if pipe is None:
            pipe = _PIPELINES[key] = KeptPipeline(mode_file, limits)
        return pipe


@atexit.register
def close_all() -> None:
    """Stop every pipeline this process started (at exit, and in tests)."""
    with _PIPELINES_LOCK:
        pipes = list(_PIPELINES.values())
        _PIPELINES.clear()
    for pipe in pipes:
        pipe.close()

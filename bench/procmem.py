"""Memory of a process and its children, from /proc (Linux): the benches' one way to measure it."""

from __future__ import annotations

from pathlib import Path


def tree_memory_kib(root_pid: int, field: str = "VmRSS") -> int:
    """Sum of ``field`` (VmRSS now, or VmHWM, the peak) over ``root_pid`` and its descendants."""
    parents: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("PPid:"):
                    parents[int(status.parent.name)] = int(line.split()[1])
                    break
        except (OSError, ValueError):
            continue
    pids, grew = {root_pid}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in pids} - pids
        grew = bool(more)
        pids |= more
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith(f"{field}:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def pss_kib(pid: int, field: str = "Pss") -> int:
    """Proportional set size: pages shared by N processes count 1/N in each, so a sum over the
    processes counts a shared mapped file once (RSS would count it in every process).
    ``Pss_File`` is the mapped files' part, ``Pss_Anon`` the process's own heap."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise OSError(f"no {field} line for process {pid}")

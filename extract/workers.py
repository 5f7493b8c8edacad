"""Extraction in worker processes, each document under a time limit, workers that die with us.

``Workers`` runs ``extract_bytes`` for each (bytes, source) in its own processes and yields
the results as they come. A document that takes longer than the limit has its worker
killed and is reported as a failure ("took longer than 30 s"); a fresh worker takes the
next one, so one hostile file never holds the batch. This is why even ``--jobs 1``
extracts in a worker: the caller stays responsive and can always kill it.

Workers end with their parent on every signal: on Linux the kernel sends them SIGKILL
when the parent dies (PR_SET_PDEATHSIG), and a watchdog thread notices a new parent
elsewhere. They ignore SIGINT, so Ctrl-C in a terminal interrupts the parent alone,
which stops them itself, and no worker ever prints a traceback.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

DEFAULT_TIMEOUT = 60.0
"""Seconds one document may take (load and extract) before its worker is killed."""
MEMORY_LIMIT = 1 << 30
"""Bytes of address space a worker may map: a hostile document makes it fail with MemoryError
(reported as such) instead of swapping the machine."""

_PR_SET_PDEATHSIG = 1


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: tuple[bytes, str] | None = None
    started: float = 0.0


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies; watch for it elsewhere."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before prctl took hold
        os._exit(1)


def _limit_memory(limit: int) -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _serve(conn: Connection, parent: int, work: Callable[[bytes, str], Any]) -> None:
    """A worker's life: take a task, send back its result, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    _limit_memory(MEMORY_LIMIT)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(work(*task))


class Workers:
    """A pool of extraction processes with a per-task time limit."""

    def __init__(self, jobs: int, work: Callable[[bytes, str], Any], *, timeout: float = DEFAULT_TIMEOUT,
                 on_timeout: Callable[[str, float], Any]) -> None:
        # fork shares the loaded gazetteer and lexicon with the workers; it is only used from
        # the command line, whose process has no other threads.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._context: Any = multiprocessing.get_context(method)  # typeshed's BaseContext lacks Process
        self._work = work
        self._timeout = timeout
        self._on_timeout = on_timeout
        self._workers = [self._start() for _ in range(max(1, jobs))]

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child_end, os.getpid(), self._work), daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def map(self, tasks: Iterable[tuple[bytes, str]]) -> Iterator[Any]:
        """The result of every task, in the order they finish; a task over time gives on_timeout's."""
        source = iter(tasks)
        exhausted = False
        while True:
            for worker in self._workers:
                if worker.task is None and not exhausted:
                    task = next(source, None)
                    if task is None:
                        exhausted = True
                        break
                    worker.task, worker.started = task, time.monotonic()
                    worker.conn.send(task)
            busy = [w for w in self._workers if w.task is not None]
            if not busy:
                return
            deadline = min(w.started for w in busy) + self._timeout
            ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - time.monotonic()))
            for worker in busy:
                if worker.conn in ready:
                    try:
                        result = worker.conn.recv()
                    except (EOFError, OSError):  # the worker died: out of memory, or killed
                        assert worker.task is not None
                        result = self._on_timeout(worker.task[1], -1.0)
                        self._replace(worker)
                    worker.task = None
                    yield result
                elif worker.task is not None and time.monotonic() - worker.started >= self._timeout:
                    source_name = worker.task[1]
                    self._replace(worker)
                    worker.task = None
                    yield self._on_timeout(source_name, self._timeout)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker that overran (or died) and put a fresh one in its place."""
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        fresh = self._start()
        worker.process, worker.conn = fresh.process, fresh.conn

    def close(self) -> None:
        """Stop every worker now (they hold no state worth keeping)."""
        for worker in self._workers:
            if worker.process.is_alive():
                worker.process.kill()
        for worker in self._workers:
            worker.process.join(timeout=5)
            worker.conn.close()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""Copying to the clipboard, and saying exactly what was tried.

OSC 52 (``App.copy_to_clipboard``) always: the terminal may or may not honour it and
nothing reports back, so it is "sent", never "copied". Inside tmux also
``tmux load-buffer -w -`` (the tmux buffer, and the outer terminal through tmux),
confirmed by its exit status. A local tool (wl-copy, xclip, xsel, pbcopy) where one
exists, confirmed the same way. The report lists every attempt; the dashboard shows
the text in a modal when nothing could confirm the copy.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

TIMEOUT = 3.0


class CanCopy(Protocol):
    def copy_to_clipboard(self, text: str) -> None: ...


@dataclass(frozen=True)
class Attempt:
    method: str
    ok: bool | None
    """True confirmed, False failed, None sent without any way to know."""
    detail: str


@dataclass(frozen=True)
class CopyReport:
    attempts: tuple[Attempt, ...]

    @property
    def confirmed(self) -> bool:
        return any(a.ok for a in self.attempts)

    @property
    def summary(self) -> str:
        return "; ".join(a.detail for a in self.attempts)


Runner = Callable[..., subprocess.CompletedProcess]


class Clipboard:
    """The ways to copy that this session has; everything it touches can be injected for tests."""

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        which: Callable[[str], str | None] = shutil.which,
        run: Runner = subprocess.run,
        platform: str = sys.platform,
    ) -> None:
        self.env = dict(os.environ if env is None else env)
        self.which = which
        self.run = run
        self.platform = platform

    def local_tool(self) -> list[str] | None:
        """The command that sets the desktop clipboard from stdin, if this session has one."""
        if self.platform == "darwin" and self.which("pbcopy"):
            return ["pbcopy"]
        if self.env.get("WAYLAND_DISPLAY") and self.which("wl-copy"):
            return ["wl-copy"]
        if self.env.get("DISPLAY"):
            if self.which("xclip"):
                return ["xclip", "-selection", "clipboard", "-in"]
            if self.which("xsel"):
                return ["xsel", "--clipboard", "--input"]
        return None

    def copy(self, target: CanCopy, text: str) -> CopyReport:
        target.copy_to_clipboard(text)
        attempts = [Attempt("osc52", None, "sent to the terminal (OSC 52)")]
        if self.env.get("TMUX") and self.which("tmux"):
            attempts.append(self._tmux(text))
        if tool := self.local_tool():
            attempts.append(self._command(tool[0], tool, text))
        return CopyReport(tuple(attempts))

    def _tmux(self, text: str) -> Attempt:
        attempt = self._command("tmux", ["tmux", "load-buffer", "-w", "-"], text)
        if attempt.ok is False:  # tmux before 3.2 has no -w: the buffer alone is still worth having
            retry = self._command("tmux", ["tmux", "load-buffer", "-"], text)
            if retry.ok:
                return retry
        return attempt

    def _command(self, name: str, argv: Sequence[str], text: str) -> Attempt:
        what = "the tmux buffer" if name == "tmux" else f"the clipboard with {name}"
        try:
            # Output to DEVNULL: xclip leaves a child serving the selection, holding any pipe open.
            done = self.run(
                list(argv), input=text.encode("utf-8"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                timeout=TIMEOUT, env=self.env, check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return Attempt(name, False, f"{name} failed ({type(exc).__name__})")
        if done.returncode == 0:
            return Attempt(name, True, f"copied to {what}")
        return Attempt(name, False, f"{name} failed (exit {done.returncode})")

"""End to end in a real terminal: the installed ``tradedash`` in a detached tmux session at 120x40.

Keys go in with send-keys, the screen comes back with capture-pane, and ``y`` inside
tmux must land in the tmux buffer (read back with show-buffer) byte-identical to
``tradedash facts --format md`` for the same fact.
"""
from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .dashboard_data import build_store
from .test_demo import SAMPLE_ARTICLES

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

EXE = Path(sys.executable).parent / "tradedash"


class Tmux:
    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def __call__(self, *args: str, input: str | None = None) -> str:
        done = subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True, text=True,
                              input=input, timeout=20, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "dash")

    def wait_for(self, test: Callable[[str], bool], what: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            try:
                screen = self.screen()
            except RuntimeError:
                screen = ""
            if test(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        self("send-keys", "-t", "dash", *keys)

    def text(self, text: str) -> None:
        self("send-keys", "-t", "dash", "-l", text)

    def launch(self, db: Path, cwd: Path, size: tuple[int, int] = (120, 40), **env: str) -> None:
        """The installed tradedash on ``db`` in a detached session of ``size``, no config, keys sent at once."""
        values = {"TRADEDASH_DB": str(db), "TRADEDASH_CONFIG": str(cwd / "none.toml"), "TERM": "xterm-256color", **env}
        assigned = " ".join(f"{k}={shlex.quote(v)}" for k, v in values.items())
        command = f"cd {shlex.quote(str(cwd))} && env -u NO_COLOR -u COLUMNS -u LINES {assigned} {shlex.quote(str(EXE))}"
        self("-f", "/dev/null", "new-session", "-d", "-s", "dash", "-x", str(size[0]), "-y", str(size[1]), command)
        self("set-option", "-g", "escape-time", "0")

    def quit(self, timeout: float = 10) -> bool:
        """q, then whether the session ended within ``timeout``."""
        self.keys("q")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self("has-session", "-t", "dash")
            except RuntimeError:
                return True
            time.sleep(0.1)
        return False


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path / "tmux.sock")
    yield session
    subprocess.run(["tmux", "-S", str(session.socket), "kill-server"], capture_output=True, timeout=20, check=False)


def _rows(screen: str) -> list[str]:
    """The metrics table's data lines: right of the region tree, above the detail pane."""
    lines = screen.splitlines()[2:23]
    return [line[24:] for line in lines if "亿" in line[24:] or "%" in line[24:]]


def test_installed_dashboard_in_tmux_navigates_filters_and_copies(tmux: Tmux, tmp_path: Path) -> None:
    assert EXE.exists(), f"the console script is not installed next to {sys.executable}"
    db = build_store(tmp_path / "dash.sqlite3")
    tmux.launch(db, tmp_path)

    screen = tmux.wait_for(lambda s: "23 facts" in s and "北京市" in s and "⚠" in s, "the first screen and its checks")
    assert "13 documents · 23 facts · 18/18 series · ⚠ 1 check warning" in screen
    assert screen.splitlines()[0].startswith(" tradedash dash.sqlite3")
    assert "≠ 2 figures" in screen and "21,076.8亿元" in screen

    tmux.keys("j")
    tmux.wait_for(lambda s: "2 figures differ for 2021年" in s, "the conflict in the detail pane")

    # Keys that move the focus are sent on their own, as a person types them: keys already
    # queued behind one go to the widget that had the focus when they arrived.
    tmux.keys("/")
    tmux.wait_for(lambda s: "words that each match a region or a metric" in s, "the filter box")
    tmux.text("朝阳")
    screen = tmux.wait_for(lambda s: "1/18 series" in s and len(_rows(s)) == 1, "the text filter")
    [row] = _rows(screen)
    assert "北京市朝阳区" in row and "8.2亿美元" in row and "+15.3%" in row and "51.6%" in row

    tmux.keys("Enter")
    time.sleep(0.5)
    tmux.keys("y")
    screen = tmux.wait_for(lambda s: "tmux buffer" in s, "the copy notification")
    assert "sent to the terminal (OSC 52)" in screen
    copied = tmux("show-buffer")
    expected = subprocess.run(
        [str(EXE), "--db", str(db), "facts", "--region", "北京市朝阳区", "--format", "md"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    assert copied == expected  # the row's series: both of its years
    assert copied.splitlines()[3] == (
        "| 北京市朝阳区 | 文化贸易进出口额 | 2022年1-6月 | 8.2亿美元 | +15.3% | 51.6%（北京市） "
        "| 朝阳区上半年文化贸易8.2亿美元（2022-08-31） |")

    tmux.keys("Escape")
    tmux.wait_for(lambda s: "18/18 series" in s, "escape clearing the filter")
    assert tmux.quit(), "q did not quit"


def test_first_launch_on_no_store_shows_the_demo_and_creates_no_store(tmux: Tmux, tmp_path: Path) -> None:
    """The README's first command: the installed tradedash with no store shows the bundled sample."""
    db = tmp_path / "data" / "tradedash.sqlite3"
    tmux.launch(db, tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"))
    screen = tmux.wait_for(lambda s: "Demo: the bundled sample articles, read-only." in s and "亿" in s,
                           "the demo store and its rows", timeout=60)
    assert f"tradedash demo store (the bundled sample, read-only) · {SAMPLE_ARTICLES} documents" in screen
    assert "Your store data/tradedash.sqlite3 is empty" in screen
    assert tmux.quit(), "q did not quit"
    assert not db.exists() and not db.parent.exists()
    assert [p.name.startswith("demo-") for p in (tmp_path / "cache" / "tradedash").iterdir()] == [True]


def test_at_80x24_filter_a_breakdown_in_dollars_and_copy_it(tmux: Tmux, tmp_path: Path) -> None:
    """The analyst's question at the smallest terminal: what makes up 广东省's trade in 2022年1-6月,
    in 亿美元? Keys only: d (headline rows), /广东, u u u (亿美元), b (the breakdowns), y (copy)."""
    from .conftest import article
    from .test_app_analysis import ARTICLES

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, (title, date, body) in ARTICLES.items():
        (folder / name).write_text(article(body, title=title, date=date), encoding="utf-8")
    db = tmp_path / "store.sqlite3"
    subprocess.run([str(EXE), "--db", str(db), "ingest", str(folder)], check=True, capture_output=True, timeout=120)
    tmux.launch(db, tmp_path, (80, 24))

    tmux.wait_for(lambda s: "广东省" in s and "亿元" in s, "the first screen")
    tmux.keys("d")
    tmux.wait_for(lambda s: "维度 总量" in s, "headline rows only")
    tmux.keys("/")
    tmux.wait_for(lambda s: "words that each match" in s, "the filter box")
    tmux.text("广东")
    tmux.wait_for(lambda s: "文本 “广东”" in s and "40,000亿元" in s, "the filter")
    tmux.keys("Enter")
    time.sleep(0.3)
    tmux.keys("u", "u", "u")
    screen = tmux.wait_for(lambda s: "单位 亿美元" in s and "≈5,947.0亿美元" in s, "amounts in 亿美元")  # 40000 / 6.7261
    tmux.keys("b")
    screen = tmux.wait_for(lambda s: "what makes it up" in s and "一般贸易" in s, "the breakdown view")
    assert "≈3,270.8亿美元" in screen and "贸易方式" in screen
    tmux.keys("y")
    tmux.wait_for(lambda s: "tmux buffer" in s, "the copy notification")
    copied = tmux("show-buffer").splitlines()
    assert copied[0] == "| 地区 | 指标 | 时期 | 数值 | 同比 | 占比 | 来源 |"
    assert "| 广东省 | 一般贸易进出口 | 2022年1-6月 | ≈3,270.8亿美元 | +8% |" in copied[3]
    assert len(copied) == 2 + 5  # 东盟; 一般贸易, 加工贸易; 民营企业, 外商投资企业
    tmux.keys("Escape", "q")

from __future__ import annotations

import os
from pathlib import Path

import pytest

# NO_COLOR in the environment breaks every SVG snapshot; the tests pin their own colours.
os.environ.pop("NO_COLOR", None)

ARTICLE = """---
title: '{title}'
categories:
 - 金融
author: tradedash tests
date: {date}
---

<div>
{body}
</div>
"""


def article(body: str, *, title: str = "测试文章", date: str = "2022-08-31 09:00:00") -> str:
    """A Hexo post of our own making, in the corpus layout."""
    return ARTICLE.format(title=title, date=date, body=body)


@pytest.fixture
def write_article(tmp_path: Path):
    def write(name: str, body: str, *, title: str = "测试文章", date: str = "2022-08-31 09:00:00",
              encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(article(body, title=title, date=date).encode(encoding))
        return path

    return write


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store" / "tradedash.sqlite3"
    monkeypatch.setenv("TRADEDASH_DB", str(path))
    return path

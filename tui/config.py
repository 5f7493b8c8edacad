"""The user's config.toml: key remapping by binding id.

    # ~/.config/tradedash/config.toml (the user config directory, via platformdirs)
    [keymap]
    copy_markdown = "c"          # one key
    cursor_down = "down,j,n"     # several, comma-separated

``TRADEDASH_CONFIG`` names another file. A file that cannot be read or has unknown
ids never stops the dashboard: the problems come back as notes to show on screen.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .bindings import BY_ID


@dataclass(frozen=True)
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    path: Path | None = None


def config_path() -> Path:
    if env := os.environ.get("TRADEDASH_CONFIG"):
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path("tradedash", appauthor=False) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        return Config(notes=(f"{path}: cannot read: {exc}",), path=path)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        return Config(notes=(f"{path}: not valid TOML: {exc}",), path=path)
    keymap, notes = parse_keymap(data.get("keymap", {}))
    return Config(keymap, tuple(f"{path}: {note}" for note in notes), path)


def parse_keymap(table: object) -> tuple[dict[str, str], list[str]]:
    """Valid entries of a [keymap] table, and a note for each entry left out."""
    if not isinstance(table, dict):
        return {}, ["[keymap] must be a table of binding id = \"keys\""]
    keymap: dict[str, str] = {}
    notes: list[str] = []
    for binding_id, keys in table.items():
        if binding_id not in BY_ID:
            notes.append(f"unknown binding id {binding_id!r} (press ? for the ids)")
        elif not isinstance(keys, str) or not keys.strip():
            notes.append(f"{binding_id}: keys must be a non-empty string such as \"c\" or \"down,j\"")
        else:
            keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap, notes

"""The user's config.toml: key remapping by binding id.

    # ~/.config/tradedash/config.toml (the user config directory, via platformdirs)
    [keymap]
    copy_markdown = "c"          # one key
    cursor_down = "down,j,n"     # several, comma-separated

``TRADEDASH_CONFIG`` names another file. A file that cannot be read, unknown ids, key
names Textual does not know, and two verbs on one key (a remapped verb on ``q`` would
take quit away) never stop the dashboard: those entries are left out, the defaults stay,
and the problems come back as notes to show on screen.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character

from .bindings import BY_ID, VERBS, Verb


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
    keymap, clashes = without_clashes(keymap)
    return Config(keymap, tuple(f"{path}: {note}" for note in notes + clashes), path)


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
        elif bad := [k for k in _split(keys) if not is_key_name(k)]:
            notes.append(f"{binding_id}: {', '.join(map(repr, bad))} is no key name (such as \"c\", \"ctrl+r\", "
                         f"\"f2\", \"slash\"); the default {BY_ID[binding_id].keys!r} is kept")
        else:
            keymap[binding_id] = ",".join(_split(keys))
    return keymap, notes


_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED_KEYS = (frozenset(key.value for key in Keys if "+" not in key.value) | {"enter", "space"}
               | frozenset(KEY_NAME_REPLACEMENTS.values()))


def is_key_name(key: str) -> bool:
    """Whether Textual can bind ``key``: a character (c, ?, 中), a named key (escape, f2, slash,
    question_mark), with modifiers (ctrl+r, shift+tab)."""
    *modifiers, base = key.split("+")
    if not base or any(m not in _MODIFIERS for m in modifiers):
        return False
    return len(base) == 1 or base in _NAMED_KEYS or key_to_character(base) is not None


def without_clashes(keymap: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The keymap without the remappings that put two verbs on one key where both are live (one
    scope, or one of them everywhere): each such remapping is dropped, its default kept."""
    keymap = dict(keymap)
    notes: list[str] = []
    while clash := _first_clash(keymap):
        key, mine, other = clash
        dropped = mine if mine.id in keymap else other
        notes.append(f"{dropped.id}: {key!r} is also {(other if dropped is mine else mine).id}'s key; "
                     f"the default {dropped.keys!r} is kept")
        del keymap[dropped.id]
    return keymap, notes


def _first_clash(keymap: dict[str, str]) -> tuple[str, Verb, Verb] | None:
    owner: dict[tuple[str, str], Verb] = {}
    for verb in VERBS:
        for key in _split(keymap.get(verb.id, verb.keys)):
            for scope in ({verb.scope} if verb.scope != "app" else {"app", "table", "tree", "detail"}):
                other = owner.get((scope, key))
                if other is not None and other.id != verb.id and (verb.id in keymap or other.id in keymap):
                    return key, verb, other
                owner.setdefault((scope, key), verb)
    return None


def _split(keys: str) -> list[str]:
    return [k.strip() for k in keys.split(",") if k.strip()]

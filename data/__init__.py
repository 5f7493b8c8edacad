"""Package data: unit definitions, gazetteer, metric taxonomy, exchange rates, sample corpus."""
from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def data_file(name: str) -> Traversable:
    """A file shipped in tradedash.data, e.g. data_file("units.txt")."""
    return files(__name__).joinpath(name)


def sample_corpus() -> Traversable:
    """The folder of bundled sample articles."""
    return files(__name__).joinpath("sample")

"""The constructions: named rules the reader applies, in one registry.

``REGISTRY`` lists every construction once, by stage and priority; ``INERT``, ``CONTEXT``,
``FIGURES`` and ``TABLES`` are its stages in the order the reader tries them. A construction is
declared where it is written (``@construction`` in context.py, subjects.py, figures.py,
rates.py, lists.py): adding one touches that rule, its tests, and at most one data file.
"""
from __future__ import annotations

from . import context, figures, lists, rates, subjects, tables  # noqa: F401 - importing declares their constructions
from .registry import Construction, Reading, declared

REGISTRY: tuple[Construction, ...] = declared()
INERT: tuple[Construction, ...] = tuple(c for c in REGISTRY if c.stage == "inert")
CONTEXT: tuple[Construction, ...] = tuple(c for c in REGISTRY if c.stage == "context")
FIGURES: tuple[Construction, ...] = tuple(c for c in REGISTRY if c.stage == "figure")
TABLES: tuple[Construction, ...] = tuple(c for c in REGISTRY if c.stage == "table")

__all__ = ["CONTEXT", "FIGURES", "INERT", "REGISTRY", "TABLES", "Construction", "Reading"]

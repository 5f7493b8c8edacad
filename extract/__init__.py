"""Headless core of tradedash: documents in, facts out, and the store they live in.

Nothing in this package imports Textual (tests/test_layering.py enforces it).
"""

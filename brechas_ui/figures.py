"""A row of headline figures (``st.metric`` cards side by side), each optionally in a keyed
container (for tests and print rules)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Figure:
    """One headline figure: its label, its value already formatted, an optional help text
    and container key."""

    label: str
    value: str
    help: str | None = None
    key: str | None = None


def figure_row(figures: Sequence[Figure]) -> None:
    """Draw the figures in equal columns, each a bordered metric."""
    for column, f in zip(st.columns(len(figures)), figures, strict=True):
        box = st.container(key=f.key) if f.key else contextlib.nullcontext()
        with column, box:
            st.metric(f.label, f.value, border=True, help=f.help)

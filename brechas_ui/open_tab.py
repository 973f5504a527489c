"""Tabs of which only the open one is drawn (issue 12, scale).

Streamlit runs every tab's elements on every run, shown or not. A page whose tabs hold
charts and tables pays for all of them on each rerun; with :func:`one_open` it draws the
open one only (the Simulador's details, the Diagnóstico's tables). Switching tabs reruns
the page. The open tab is remembered by position, so it survives a change of language.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from brechas_core.i18n import _
from brechas_ui import lang


def one_open(titles: Sequence[str], *, key: str, first: int = 0) -> tuple[int, object]:
    """The tabs ``titles`` (message ids, shown in the run's language), empty; returns the
    open one's position and the tab, for the page to draw that one section in it.

    ``first`` is the tab a session opens on until its user picks one.
    """
    labels = [_(t) for t in titles]
    opened = st.session_state.get(_remembered(key), first)
    tabs = st.tabs(
        labels,
        default=labels[opened if 0 <= opened < len(labels) else 0],
        key=key,
        on_change=_remember,
        args=(tuple(titles), key),
    )
    return next(((i, tab) for i, tab in enumerate(tabs) if tab.open), (0, tabs[0]))


def _remembered(key: str) -> str:
    return f"{key}_abierta"


@lang.in_language
def _remember(titles: tuple[str, ...], key: str) -> None:
    labels = [_(t) for t in titles]
    chosen = st.session_state.get(key)
    st.session_state[_remembered(key)] = labels.index(chosen) if chosen in labels else 0

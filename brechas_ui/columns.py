"""Table headers and formats from the measures registry (brechas_core.measures)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import streamlit as st

from brechas_core.measures import MEASURES


def column_config(
    columns: Iterable[str],
    aliases: Mapping[str, str] | None = None,
    *,
    as_text: Iterable[str] = (),
    **context,
) -> dict:
    """``st.dataframe`` column_config for the columns that have a measure: the registry's
    header, help and number format. ``aliases`` maps a column to the measure it shows (when
    the names differ); ``as_text`` names columns that hold the measure already written out
    (e.g. "—" for a missing value), shown as text under the measure's header."""
    aliases = aliases or {}
    as_text = set(as_text)
    config = {}
    for c in columns:
        m = MEASURES.get(aliases.get(c, c))
        if m is None:
            continue
        header = m.header(**context)
        help_ = m.help_for() or None
        if m.unit == "sí/no":
            config[c] = st.column_config.CheckboxColumn(header, help=help_)
        elif m.is_text or c in as_text:
            config[c] = st.column_config.TextColumn(header, help=help_)
        else:
            config[c] = st.column_config.NumberColumn(
                header, help=help_, format=m.printf, step=1 if m.decimals == 0 else None
            )
    return config

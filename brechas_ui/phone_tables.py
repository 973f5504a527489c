"""Tables on phones (issue 14, item 1): at 390 px a wide table shows the columns that matter.

``st.dataframe`` draws on a canvas as wide as its container: on a 390 px phone a wide table
shows about one column and hides the rest behind a sideways scroll inside it. The server does
not know the width of the screen, so a wide table is sent twice: the whole table, and a copy
with the few columns a phone can show, the same rows and values. The constant stylesheet of
brechas_ui.phones shows one or the other at 640 px (where Streamlit stacks columns) and
leaves the copy off paper.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

#: Suffixes of the two containers' keys (the stylesheet selects them by these).
WHOLE, PHONE = "__tabla_completa", "__tabla_telefono"
#: The width a table gets on a 390 px phone, inside a bordered container too.
PHONE_WIDTH_PX = 320


def table(
    frame: pd.DataFrame,
    phone_columns: Sequence[str],
    *,
    key: str,
    column_order: Sequence[str] | None = None,
    column_config: dict | None = None,
    **kwargs,
) -> None:
    """Draw ``frame`` whole (wider screens) and with only ``phone_columns`` (phones), inside a
    container keyed ``key``. Other arguments go to both ``st.dataframe`` calls."""
    config = column_config or {}
    shown = list(phone_columns)
    with st.container(key=key):
        with st.container(key=f"{key}{WHOLE}"):
            st.dataframe(frame, column_order=column_order, column_config=config, **kwargs)
        with st.container(key=f"{key}{PHONE}"):
            st.dataframe(
                frame[shown],
                column_order=shown,
                column_config={c: _narrow(config.get(c, c), len(shown)) for c in shown},
                **kwargs,
            )


def _narrow(config, n_columns: int) -> dict:
    """A column's config with a width that lets ``n_columns`` share a phone's width (long
    headers are cut with an ellipsis; the whole header shows on hover and in the copy's
    column menu)."""
    base = {"label": config} if isinstance(config, str) else dict(config)
    return base | {"width": PHONE_WIDTH_PX // n_columns}

"""A table offered as two files, CSV and Excel (XLSX), by two buttons side by side: Mis
datos' template and the Taller's proposals. ``csv`` and ``xlsx`` are the bytes, or
callables that build them when the button is pressed."""

from __future__ import annotations

import streamlit as st

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_and_xlsx(csv, xlsx, *, name: str, key: str, labels: tuple[str, str], **button) -> None:
    """Buttons keyed ``{key}_csv`` and ``{key}_xlsx`` that download ``{name}.csv`` and
    ``{name}.xlsx``; ``button`` holds further arguments of both (``on_click``, ``width``)."""
    left, right = st.columns(2)
    for column, label, data, ext, mime in (
        (left, labels[0], csv, "csv", "text/csv"),
        (right, labels[1], xlsx, "xlsx", XLSX_MIME),
    ):
        column.download_button(
            label,
            data,
            file_name=f"{name}.{ext}",
            mime=mime,
            icon=":material/download:",
            key=f"{key}_{ext}",
            **button,
        )

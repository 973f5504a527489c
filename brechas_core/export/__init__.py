"""Files a user takes away: CSV tables, an XLSX workbook, a one-page PDF "ficha", chart
images. No Streamlit here: each function returns bytes that the interface offers for
download (and tests open)."""

from brechas_core.export.tables import csv_bytes, file_name, rule_slug

__all__ = ["csv_bytes", "file_name", "rule_slug"]

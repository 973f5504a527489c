"""Cached tables for the Proyectos page and the district indicators (shipped data only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core import data
from brechas_core import portfolio as PF
from brechas_core.i18n import N_, _
from brechas_core.projects import NO_MATCH_REASON, NO_MATCH_RULE, load_rules
from brechas_ui import cache


@st.cache_resource(show_spinner=False)
def projects() -> pd.DataFrame:
    """data/projects_by_gap.csv, validated. Read-only: shared by every session."""
    return data.load_projects_by_gap()


@st.cache_resource(show_spinner=False)
def rule_reasons() -> pd.Series:
    """rule_id -> its Spanish reason (rules file), plus the no-match reason. Read-only."""
    table = load_rules().table
    reasons = pd.Series(table["reason"].to_numpy(), index=table["rule_id"])
    return pd.concat([reasons, pd.Series({NO_MATCH_RULE: NO_MATCH_REASON})])


@st.cache_resource(show_spinner=False)
def district_indicators() -> pd.DataFrame:
    """data/district_indicators.csv: which indicators map to a municipal function. Read-only."""
    return data.load_district_indicators()


# Table 2 for a territory and period is a few groupbys over 47,000 rows (tens of ms each);
# the page draws up to three per rerun, so each result is kept per (districts, years).
# Read-only frozen results shared across sessions; the inputs are shipped data only.
@st.cache_resource(show_spinner=False, max_entries=512)
def table2(
    ubigeos: tuple[str, ...], years: tuple[int, int], who: str | None = None
) -> PF.PortfolioTable:
    return PF.table2(
        projects(), cache.districts(), cache.study_priority_gaps(), ubigeos, years, who
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def department_districts(
    ubigeos: tuple[str, ...], years: tuple[int, int], who: str | None = None
) -> pd.DataFrame:
    return PF.department_districts(projects(), cache.districts(), ubigeos, years, who)


@st.cache_resource(show_spinner=False)
def rules_table() -> pd.DataFrame:
    """The classification rules in priority order (id, class, second class, reason)."""
    return load_rules().table[["rule_id", "gap_id", "also_gap_id", "scope", "reason"]]


@st.cache_resource(show_spinner=False)
def _class_labels() -> dict[str, str]:
    """A project class's Spanish name: the study's ten gaps and «Otros». Read-only: shown
    through :func:`class_labels`, in the run's language."""
    gaps = cache.study_priority_gaps()
    return dict(zip(gaps["gap_id"], gaps["label"], strict=True)) | {"otros": N_("Otros")}


def class_labels() -> dict[str, str]:
    """A project class's name in the run's language."""
    return {gap_id: _(label) for gap_id, label in _class_labels().items()}

"""Cached tables for the Proyectos page and the district indicators (shipped data only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core import data
from brechas_core.projects import NO_MATCH_REASON, NO_MATCH_RULE, load_rules


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

"""The scenario in session state, bound to widgets and to the URL's query parameters.

Session state holds the inputs only (one immutable ``Scenario``), never derived results.
Widgets get their own keys (``w_*``) seeded from the scenario each time they are drawn, and
a callback copies a changed value back. That way the scenario survives page switches (Streamlit
drops the state of widgets that a page does not draw) and every rerun recomputes the results
from the inputs with pure functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from brechas_core.fmt import num
from brechas_core.i18n import _
from brechas_core.scenario import Scenario, from_query, group_notices, to_query
from brechas_core.workshop import LINK_PARAMS
from brechas_ui import cache, lang

SCENARIO = "scenario"
NOTICES = "url_notices"
_W = "w_"


def init() -> Scenario:
    """Read the scenario from the link on a session's first run; afterwards keep it.

    The browser's Back and Forward buttons restore the scenario of that history entry:
    every committed change writes a new entry (Streamlit pushes the new query), and on a
    history navigation the link is read again, so Back undoes the last move.
    """
    if SCENARIO not in st.session_state:
        result = _from_link()
        st.session_state[SCENARIO] = result.scenario
        st.session_state[NOTICES] = list(result.notices)
        _note_dropped_link()
    elif history_navigation() and SCENARIO_PARAMS & set(st.query_params):
        # The entry was written by this app: read it silently (no notices), whole.
        put(_from_link().scenario)
        _redraw_widgets()
    return get()


#: Parameters every scenario link carries (a page whose link has none keeps the scenario).
SCENARIO_PARAMS = frozenset({"territorio", "vista", "minimo"})


def history_navigation() -> bool:
    """True when this run comes from the browser's Back or Forward button.

    Streamlit (1.67) marks such a run on its script-run context and reruns with that
    entry's query; it is not public API, so a missing attribute reads as False (Back
    then keeps the current scenario, as before). Covered by tests/e2e/test_back_button.py.
    """
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False))


def _from_link():
    meta = cache.meta()
    # The workshop page's parameters (code, token) are not part of a scenario.
    params = {k: v for k, v in st.query_params.to_dict().items() if k not in LINK_PARAMS}
    return from_query(
        params,
        gap_ids=meta.gap_ids,
        function_codes=meta.function_codes,
        current_data_version=meta.data_version,
    )


def _note_dropped_link() -> None:
    """Streamlit silently ignores a link with too many parameters: say so (brechas_ui.guard
    saw the request)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from brechas_ui import guard

    ctx = get_script_run_ctx()
    why = guard.dropped_link(ctx.session_id) if ctx else None
    if why:
        kind, had, most = why
        why = (
            _("tenía {had} KiB de parámetros (el máximo es {most} KiB)")
            if kind == "kib"
            else _("tenía {had} parámetros (el máximo es {most})")
        ).format(had=num(had, 0), most=num(most, 0))
        add_notice(
            _(
                "El enlace {why}, así que se ignoró entero y se abrió la línea base. Un "
                "escenario cabe en un enlace mucho más corto: pida de nuevo el enlace a quien "
                "se lo envió."
            ).format(why=why)
        )


def get() -> Scenario:
    return st.session_state[SCENARIO]


def put(scenario: Scenario) -> None:
    st.session_state[SCENARIO] = scenario


def sync_url(query: dict[str, str] | None = None) -> None:
    """Write the scenario into the address bar, so that copying it shares the scenario.

    ``query`` replaces it where a page's link holds something else (the comparison's
    scenarios, brechas_ui.compare)."""
    wanted = to_query(get()) if query is None else query
    wanted = {**wanted, **lang.link_params()}  # issue 14: the link keeps the language
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def add_notice(text: str) -> None:
    st.session_state.setdefault(NOTICES, []).append(text)


def show_notices() -> None:
    """Notices about the link (what was ignored or clamped), until the user dismisses them."""
    notices = st.session_state.get(NOTICES) or []
    if not notices:
        return
    with st.container(key="avisos_enlace"):
        st.warning(
            _(
                "**El enlace tenía valores que no se pudieron usar tal cual.** "
                "El resto del escenario se cargó normalmente."
            )
            + "\n\n"
            + "\n".join(f"- {n}" for n in group_notices(notices)),
            icon=":material/link_off:",
        )
        st.button(_("Entendido"), key="cerrar_avisos", on_click=_dismiss_notices)


def _dismiss_notices() -> None:
    st.session_state[NOTICES] = []


def bound(
    field: str,
    *,
    item: str | None = None,
    item_default: float | None = 0.0,
    to_widget: Callable[[Any], Any] | None = None,
    from_widget: Callable[[Any], Any] | None = None,
) -> dict[str, Any]:
    """Keyword arguments that bind a widget to a scenario field (or one item of it).

    Use as ``st.slider("Mínimo", 0.0, 100.0, **bound("minimum_pct"))``. With ``item``, the
    widget edits one entry of a per-item field (``floors``, ``weights``, ...), whose absent
    entries read as ``item_default`` and whose default entries are dropped, so links stay
    short.
    """
    key = f"{_W}{field}" + (f"__{item}" if item else "")
    if key not in st.session_state or (_full_run() and not _reported(key)):
        # Seeded again on a full run whose request did not carry the control's value: a
        # value set here is sent with the widget (``set_value``), so a control whose
        # component first mounts in the browser after a later run still shows the
        # scenario, not its own default (a 0 % minimum, no gaps), which the next click
        # would then send back as the user's choice. Not when the browser sent it: that
        # value is the user's latest, and a ``set_value`` that reached the browser after a
        # newer move would undo the move (tests/e2e/test_live.py).
        value = getattr(get(), field)
        if item is not None:
            value = dict(value).get(item, item_default)
        st.session_state[key] = to_widget(value) if to_widget else value
    return {
        "key": key,
        "on_change": _commit,
        "args": (key, field, item, item_default, from_widget),
    }


def _reported(key: str) -> bool:
    """Whether this run's request carried the value of the control keyed ``key``: the
    browser has it mounted and the value is the user's.

    Streamlit (1.67) keeps the request's widget values in the session state's
    ``_new_widget_state`` until the run draws them, by widget id (``_key_id_mapper``); not
    public API, so a missing attribute reads as False and the control is seeded, as before.
    """
    ctx = get_script_run_ctx()
    try:
        inner = ctx.session_state._state  # SafeSessionState -> SessionState
        widget_id = inner._key_id_mapper.get_id_from_key(key, None)
        return widget_id is not None and widget_id in inner._new_widget_state.states
    except AttributeError:
        return False


def _full_run() -> bool:
    """Whether this run is the whole page's, not a fragment's alone (a slider move's: its
    value comes from the browser, and the scenario has just taken it)."""
    ctx = get_script_run_ctx()
    return ctx is None or not ctx.fragment_ids_this_run


@lang.in_language  # writes a notice: in the session's language
def _commit(key: str, field: str, item: str | None, item_default, from_widget) -> None:
    scenario = get()
    try:
        value = st.session_state[key]
        value = from_widget(value) if from_widget else value
        if item is not None:
            mapping = dict(getattr(scenario, field))
            if value is not None and value != item_default:
                mapping[item] = float(value)
            else:
                mapping.pop(item, None)
            value = mapping
        new = scenario.with_(**{field: value})
        bad = _rejected(scenario, new)
    except (TypeError, ValueError, KeyError, AttributeError):
        new, bad = scenario, [field]
    if bad:
        # A value no control can send (a tampered message): keep the scenario as it was and
        # draw the control again from it.
        st.session_state.pop(key, None)
        add_notice(
            _("Se ignoró un valor que no es válido para «{names}»; se mantuvo el anterior.").format(
                names=", ".join(bad)
            )
        )
        return
    put(new)


def _rejected(old: Scenario, new: Scenario) -> list[str]:
    """The link parameters changed from ``old`` to ``new`` that the link's own checks reject.

    Every widget value must be one a link could carry: a tampered widget message (another
    type, a year that does not exist) is caught here instead of breaking the page.
    """
    q_old, q_new = to_query(old), to_query(new)
    changed = {k: v for k, v in q_new.items() if q_old.get(k) != v}
    changed.update({k: "" for k in q_old if k not in q_new})
    if not changed:
        return []
    meta = cache.meta()
    result = from_query(changed, gap_ids=meta.gap_ids, function_codes=meta.function_codes)
    return sorted(changed) if result.notices else []


def reset(
    keep: tuple[str, ...] = ("territory", "year", "view", "own_file", "project_classes"),
) -> None:
    """Back to the baseline (no rule), keeping where and what the user is looking at.

    A kept value the link's checks reject (one injected by a tampered message) is dropped,
    so the baseline always opens.
    """
    current = get()
    clean = Scenario(data_version=current.data_version)
    for name in keep:
        try:
            trial = clean.with_(**{name: getattr(current, name)})
        except (TypeError, ValueError):
            continue
        if not _rejected(clean, trial):
            clean = trial
    put(clean)
    _redraw_widgets()


def set_territory(code: str) -> None:
    """Move the scenario to another territory (``estudio``, ``PE`` or a ubigeo).

    Its own budget, execution rate and population replace any typed for the previous one
    (and the user's own file stops being the baseline), and every scenario widget is drawn
    afresh (the territory selector and the rule's per-gap inputs depend on the territory).
    """
    put(
        get().with_(
            territory=code,
            budget_soles=None,
            execution_pct=None,
            population=None,
            # the user's own file is the baseline of its municipality only
            own_file=None,
            project_classes=(),
        )
    )
    _redraw_widgets()


def start(**fields) -> None:
    """Start a fresh scenario with some fields set (the landing page's quick starts)."""
    put(Scenario(data_version=get().data_version).with_(**fields))
    _redraw_widgets()


def start_from(scenario: Scenario) -> None:
    """Make a whole scenario the current one (a kept scenario of the comparison)."""
    put(replace(scenario, data_version=get().data_version))
    _redraw_widgets()


def _redraw_widgets() -> None:
    """Drop every scenario widget's own state, so each is seeded again from the scenario."""
    for key in [k for k in st.session_state if str(k).startswith(_W)]:
        del st.session_state[key]


def apply(**fields) -> None:
    """Callback: change some scenario fields from a button (e.g. «Usar este mínimo») and
    draw every scenario widget afresh from the scenario."""
    put(get().with_(**fields))
    _redraw_widgets()

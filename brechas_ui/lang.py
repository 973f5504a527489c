"""The interface's language in a session (issue 14, item 5): Spanish by default, English
with ``lang=en`` in the link or the switch next to «Compartir».

The language lives in session state (not in the scenario: it changes no number). Every run
sets it for the run's texts (:func:`init`, first thing in app.py: brechas_core.i18n's context
variable is local to the session's script thread), the link keeps it (:func:`link_params`,
read by brechas_ui.state.sync_url) and the switch changes it without touching the scenario.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st

from brechas_core import i18n
from brechas_core.i18n import _

KEY = "lang"


def init() -> str:
    """The session's language, read from the link on its first run, set for this run."""
    if KEY not in st.session_state:
        st.session_state[KEY] = i18n.from_link(st.query_params.to_dict())
    lang = st.session_state[KEY]
    i18n.set_language(lang)
    return lang


_P = ParamSpec("_P")
_R = TypeVar("_R")


def in_language(callback: Callable[_P, _R]) -> Callable[_P, _R]:
    """A widget callback (``on_click``/``on_change``) that sets the run's language first.

    Streamlit runs a callback before the script, so before app.py's :func:`init`: a text it
    writes (an error, a notice) would otherwise be in the default language, whatever the
    session's.
    """

    @functools.wraps(callback)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        init()
        return callback(*args, **kwargs)

    return run


def current() -> str:
    return st.session_state.get(KEY, i18n.DEFAULT)


def link_params() -> dict[str, str]:
    """What the link carries for the language: nothing for Spanish (the default)."""
    lang = current()
    return {} if lang == i18n.DEFAULT else {KEY: lang}


def other() -> str:
    """The language the switch offers."""
    return next(lang for lang in i18n.LANGS if lang != current())


def switch() -> None:
    """A button naming the other language in that language («English» / «Español»), at the
    top right of the page: beside «Compartir» (brechas_ui.share draws it in its bar, laid
    out as a row here) or alone (:func:`switch_bar`).

    The scenario stays in session state, so it survives the switch; the link follows on the
    same run (brechas_ui.state.sync_url), or here where a page does not rewrite its link.
    """
    # Its place is set by constant CSS drawn once per full run (a fragment rerun that draws
    # this button does not resend it, issue 12): in a row with «Compartir» by the share
    # bar's rules (brechas_ui.printing), alone at the top right by brechas_ui.a11y's.
    target = other()
    st.button(
        i18n.LANG_NAMES[target],
        key="cambiar_idioma",
        icon=":material/translate:",
        help=_("Ver la aplicación en inglés")
        if target == "en"
        else _("Ver la aplicación en español"),
        on_click=_switch_to,
        args=(target,),
    )


def _switch_to(lang: str) -> None:
    st.session_state[KEY] = lang if lang in i18n.LANGS else i18n.DEFAULT
    if st.session_state[KEY] == i18n.DEFAULT:
        st.query_params.pop(KEY, None)
    else:
        st.query_params[KEY] = st.session_state[KEY]


def switch_bar() -> None:
    """The switch alone at the top right, for a page without «Compartir» (Taller)."""
    with st.container(key="barra_idioma"):
        switch()

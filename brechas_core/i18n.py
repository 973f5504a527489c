"""The interface's language: Spanish (the default, and the source text) or English.

Texts are written in Spanish in the code and wrapped in :func:`_` (or :func:`ngettext`);
English comes from a gettext catalogue, ``locales/en/LC_MESSAGES/messages.po``, whose msgids
are the Spanish texts. Spanish needs no catalogue. The catalogue is read with Babel (the
well-kept gettext toolkit that also extracts the strings: ``babel.cfg``) once per process and
compiled in memory, so there is no build step and nothing is fetched.

Which language a text is in is decided by a context variable, set at the top of every script
run by the frame (``brechas_ui.lang``): Streamlit runs each session's script in its own
thread, and a context variable is local to it, so two sessions never see each other's
language. Code outside a run (tests, scripts) gets Spanish unless it sets one
(:func:`using`).

Texts declared at import time (the measures' labels, the glossary) are marked with
:func:`N_` (extracted, left in Spanish) and translated with :func:`_` where they are shown.

Updating the catalogue after adding or changing a wrapped text (``tests/core/test_i18n.py``
fails until every text has an English translation and no entry is stale)::

    .venv/bin/pybabel extract -F babel.cfg --no-location --sort-output -w 100 -o /tmp/brechas.pot .
    .venv/bin/pybabel update -i /tmp/brechas.pot -d locales -l en -N --ignore-obsolete -w 100

then write the English of each new (empty) ``msgstr`` in
``locales/en/LC_MESSAGES/messages.po``. Write a text with placeholders as
``_("… {name} …").format(name=…)``, never as an f-string (the extractor skips those).

Examples
--------
>>> _("Brecha")
'Brecha'
>>> with using("en"):
...     _("Brecha")
'Gap'
>>> language()
'es'
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = [
    "DEFAULT",
    "LANGS",
    "LANG_NAMES",
    "N_",
    "_",
    "catalogue_path",
    "from_link",
    "language",
    "ngettext",
    "set_language",
    "using",
]

#: Interface languages; the first is the default and the language of the source texts.
LANGS = ("es", "en")
DEFAULT = LANGS[0]
#: Each language named in itself (the switch offers the other one by this name).
LANG_NAMES = {"es": "Español", "en": "English"}
LOCALES = Path(__file__).resolve().parents[1] / "locales"

_current: ContextVar[str] = ContextVar("brechas_language", default=DEFAULT)


def catalogue_path(lang: str) -> Path:
    """Where the catalogue of a language lives (gettext's layout)."""
    return LOCALES / lang / "LC_MESSAGES" / "messages.po"


@functools.cache
def _translations(lang: str) -> gettext.NullTranslations:
    """The language's catalogue, read once per process and compiled in memory (read-only).

    Untranslated (empty) and fuzzy entries fall back to the Spanish text, as gettext does;
    tests/core/test_i18n.py makes sure there are none.
    """
    if lang == DEFAULT:
        return gettext.NullTranslations()
    with catalogue_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(lang: str) -> None:
    """Make ``lang`` the language of this thread's run (an unknown one means Spanish)."""
    _current.set(lang if lang in LANGS else DEFAULT)


def language() -> str:
    """The language of the current run: ``"es"`` or ``"en"``."""
    return _current.get()


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Texts in ``lang`` inside the block (tests, exports in a given language)."""
    token = _current.set(lang if lang in LANGS else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """``message`` (Spanish) in the current language."""
    lang = _current.get()
    return message if lang == DEFAULT else _translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language.

    >>> ngettext("{n} año", "{n} años", 1).format(n=1)
    '1 año'
    """
    lang = _current.get()
    if lang == DEFAULT:
        return singular if n == 1 else plural
    return _translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a text for the catalogue without translating it yet (module-level constants:
    they are translated with :func:`_` where they are shown)."""
    return message


def from_link(params: Mapping[str, str | list[str]]) -> str:
    """The language a link asks for (``lang=en``); Spanish when absent or not valid (the
    scenario's parser says so in a notice: brechas_core.scenario).

    >>> from_link({"lang": "en"}), from_link({"lang": "fr"}), from_link({})
    ('en', 'es', 'es')
    """
    value = params.get("lang")
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    value = str(value).strip() if value is not None else None
    return value if value in LANGS else DEFAULT

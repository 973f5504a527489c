"""The English catalogue against the code (issue 14, item 5): every text wrapped for
translation has an English translation, and the catalogue holds nothing the code no longer
says. Texts are extracted from the sources with Babel's own extractor, as ``pybabel extract``
does with ``babel.cfg``; the commands that update the catalogue are in brechas_core/i18n.py.
"""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from brechas_core import fmt, i18n
from brechas_core.i18n import _, ngettext, using

ROOT = Path(__file__).resolve().parents[2]


def _extracted() -> dict[str, str | tuple[str, ...]]:
    """msgid (the Spanish text; a plural's singular) -> where it was found."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        if key:
            found.setdefault(key, f"{filename}:{lineno}")
    return found


def _catalogue():
    with i18n.catalogue_path("en").open("rb") as po:
        return read_po(po, locale="en")


@pytest.fixture(scope="module")
def extracted():
    return _extracted()


@pytest.fixture(scope="module")
def catalogue():
    return _catalogue()


def _key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def test_every_wrapped_text_has_an_english_translation(extracted, catalogue):
    entries = {_key(m): m for m in catalogue if m.id}
    missing = []
    for key, where in sorted(extracted.items()):
        message = entries.get(key)
        strings = (
            ()
            if message is None
            else ((message.string,) if isinstance(message.string, str) else message.string)
        )
        if message is None or not all(s.strip() for s in strings) or message.fuzzy:
            missing.append(f"{where}: {key!r}")
    assert not missing, (
        "Texts without an English translation (update the catalogue as brechas_core/i18n.py "
        "says):\n" + "\n".join(missing)
    )


def test_the_catalogue_holds_no_stale_entry(extracted, catalogue):
    stale = sorted(_key(m) for m in catalogue if m.id and _key(m) not in extracted)
    assert not stale, "Entries no wrapped text uses any more:\n" + "\n".join(map(repr, stale))
    assert not catalogue.obsolete, "Obsolete (#~) entries: drop them (--ignore-obsolete)"


def test_a_translation_keeps_every_placeholder_of_its_spanish_text(catalogue):
    braces = re.compile(r"\{[a-z_]*\}")
    wrong = []
    for m in catalogue:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else m.id
        strings = (m.string,) if isinstance(m.string, str) else m.string
        want = sorted(braces.findall(ids[0]))
        if any(sorted(braces.findall(s)) != want for s in strings):
            wrong.append(repr(ids[0]))
    assert not wrong, "Placeholders differ:\n" + "\n".join(wrong)


def _source_files() -> set[Path]:
    """The files babel.cfg names (the ones the catalogue is extracted from)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, _options = parse_mapping_cfg(cfg)
    patterns = [p.replace("**.py", "**/*.py") for p, _m in method_map]
    return {f for p in patterns for f in ROOT.glob(p) if f.is_file()}


def test_no_text_is_wrapped_as_an_f_string():
    """An f-string inside _() is skipped by the extractor: it would stay Spanish unseen."""
    bad = []
    for path in sorted(_source_files()):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_", "ngettext")
                and any(isinstance(a, ast.JoinedStr) for a in node.args)
            ):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, "Use _('… {name} …').format(name=…) instead of an f-string:\n" + "\n".join(bad)


def test_no_module_that_translates_uses_underscore_as_a_throwaway_name():
    """``x, _ = ...`` in a module that imports ``_`` would make the next ``_("…")`` call the
    throwaway value (a TypeError at run time, or worse, a wrong text)."""
    bad = []
    for path in sorted(_source_files()):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_it = any(
            isinstance(n, ast.ImportFrom)
            and n.module == "brechas_core.i18n"
            and any(a.name == "_" and a.asname is None for a in n.names)
            for n in ast.walk(tree)
        )
        if not imports_it:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.arg) and node.arg == "_":
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, "Name the throwaway value (e.g. _place), `_` is the translation:\n" + (
        "\n".join(bad)
    )


def test_spanish_is_the_default_and_english_comes_from_the_catalogue():
    assert i18n.language() == "es"
    assert _("Brecha") == "Brecha"
    with using("en"):
        assert i18n.language() == "en"
        assert _("Brecha") == "Gap"
        assert _("Devengado") == "Executed (devengado)"
        assert _("Un texto que no está en el catálogo") == "Un texto que no está en el catálogo"
    assert i18n.language() == "es"


def test_an_unknown_language_means_spanish():
    with using("fr"):
        assert i18n.language() == "es"
    assert i18n.from_link({"lang": ["en", "xx"]}) == "es"  # the last one wins, as in a link
    assert i18n.from_link({"lang": " en "}) == "en"


def test_spanish_plurals_follow_the_count_without_a_catalogue():
    assert ngettext("{n} año", "{n} años", 1) == "{n} año"
    assert ngettext("{n} año", "{n} años", 0) == "{n} años"


def test_each_thread_has_its_own_language():
    """Streamlit runs each session's script in its own thread: one session choosing English
    must not turn another's page English."""
    seen = {}
    english_set = threading.Event()
    spanish_read = threading.Event()

    def english_session():
        i18n.set_language("en")
        english_set.set()
        spanish_read.wait(5)
        seen["en"] = _("Brecha")

    def spanish_session():
        english_set.wait(5)
        seen["es"] = _("Brecha")
        spanish_read.set()

    threads = [threading.Thread(target=english_session), threading.Thread(target=spanish_session)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"en": "Gap", "es": "Brecha"}


# -- numbers per language (brechas_core.fmt) ----------------------------------------------


@pytest.mark.parametrize(
    ("lang", "soles", "pct", "pp", "millions"),
    [
        ("es", "S/ 1,707,983,421", "77.4 %", "+12.93 p.p.", "S/ 1,707.98 millones"),
        ("en", "S/ 1,707,983,421", "77.4%", "+12.93 pp", "S/ 1,707.98 million"),
    ],
)
def test_numbers_are_written_in_each_language_s_style(lang, soles, pct, pp, millions):
    with using(lang):
        assert fmt.soles(1_707_983_421) == soles
        assert fmt.pct(77.4, 1) == pct
        assert fmt.pp(12.934) == pp
        assert fmt.soles_millones(1_707_983_421) == millions


def test_the_digits_are_the_same_in_both_languages():
    values = [0, -2500.5, 1234567.891, 56.7123, 1e-12, -0.004]
    digits = re.compile(r"[-+]?[0-9][0-9,]*(\.[0-9]+)?")
    for value in values:
        spanish = fmt.pct(value), fmt.pp(value), fmt.soles(value, 2)
        with using("en"):
            english = fmt.pct(value), fmt.pp(value), fmt.soles(value, 2)
        for es, en in zip(spanish, english, strict=True):
            assert digits.search(es).group() == digits.search(en).group()

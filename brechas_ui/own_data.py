"""The user's own budget files, held in the session only, and their use as a baseline.

A session holds at most :data:`MAX_FILES` files and :data:`MAX_SESSION_BYTES` of them in
total (the oldest is dropped first, with a notice); "Quitar" frees one. Nothing is written to
disk and nothing is cached across sessions: the files and what was read from them live in
``st.session_state`` and go away with the session.

The scenario records which file is the baseline (``archivo=<hash>:<year>`` in the link) and
which project classes the user changed (``clases``). A link opened without the file says so,
and the Simulador shows the app's own data until the file is uploaded again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from brechas_core import simulation
from brechas_core.fmt import num
from brechas_core.i18n import _
from brechas_core.imports import Imported, InvalidFile, read_upload
from brechas_core.imports.baseline import own_inputs
from brechas_core.imports.gaps import GapSpending, spending_by_gap
from brechas_core.imports.validation import quote
from brechas_core.scenario import ANIOS
from brechas_ui import cache, state

__all__ = [
    "MAX_FILES",
    "MAX_SESSION_BYTES",
    "OwnFile",
    "add_file",
    "classes_for",
    "files",
    "remove_file",
    "simulator_baseline",
]

MAX_FILES = 3
MAX_SESSION_BYTES = 24 * 1024 * 1024
_STORE = "own_files"
_CLASSES = "own_classes"


@dataclass
class OwnFile:
    """One uploaded file: its bytes (to read another year) and what was read, by year."""

    name: str
    digest: str
    content: bytes = field(repr=False)
    by_year: dict[int | None, Imported] = field(default_factory=dict, repr=False)

    def read(self, year: int | None = None) -> Imported:
        if year not in self.by_year:
            self.by_year[year] = read_upload(
                self.name, self.content, year=year, districts=cache.districts()
            )
        return self.by_year[year]

    @property
    def size(self) -> int:
        return len(self.content) + sum(i.size_bytes for i in self.by_year.values())


def files() -> dict[str, OwnFile]:
    """The session's files by hash, oldest first."""
    return st.session_state.setdefault(_STORE, {})


def add_file(name: str, content: bytes) -> tuple[OwnFile | None, str | None, list[str]]:
    """Read an upload and keep it in the session.

    Returns
    -------
    file : OwnFile or None
    error : str or None
        The Spanish message when the file cannot be used (the session is left as it was).
    dropped : list of str
        Names of older files let go to stay under the session's limits.
    """
    store = files()
    try:
        probe = OwnFile(name=name, digest="", content=content)
        imported = probe.read()
    except InvalidFile as err:
        return None, err.message, []
    except Exception:  # a reader bug must never cost the user the scenario
        return (
            None,
            _(
                "No se pudo leer este archivo. Revise que sea el CSV de datos abiertos del MEF, "
                "una exportación de Consulta Amigable o la plantilla de esta página, y vuelva a "
                "subirlo; su escenario se conserva."
            ),
            [],
        )
    own = OwnFile(name=name, digest=imported.digest, content=content, by_year={None: imported})
    store.pop(own.digest, None)
    store[own.digest] = own
    scenario = state.get()
    if scenario.own_file and scenario.own_file.split(":")[0] == own.digest:
        # the file a shared link asked for: the classes chosen in the link come with it
        classes_for(own.digest).update(dict(scenario.project_classes))
    dropped = []
    while len(store) > MAX_FILES or (
        len(store) > 1 and sum(f.size for f in store.values()) > MAX_SESSION_BYTES
    ):
        oldest = next(iter(store))
        dropped.append(store[oldest].name)
        remove_file(oldest)
    return own, None, dropped


def is_linked(digest: str) -> bool:
    """Whether the scenario (the link) uses this file as its baseline."""
    own_file = state.get().own_file
    return bool(own_file) and own_file.split(":")[0] == digest


def remove_file(digest: str) -> None:
    """Forget a file: its bytes, what was read and the classes chosen for it."""
    files().pop(digest, None)
    st.session_state.get(_CLASSES, {}).pop(digest, None)
    scenario = state.get()
    if scenario.own_file and scenario.own_file.split(":")[0] == digest:
        state.put(scenario.with_(own_file=None, project_classes=()))


def classes_for(digest: str) -> dict[str, str]:
    """The project classes the user chose for a file (cui -> gap id), editable in place."""
    return st.session_state.setdefault(_CLASSES, {}).setdefault(digest, {})


def _parse(own_file: str) -> tuple[str, int | None]:
    digest, _sep, year = own_file.partition(":")
    return digest, int(year) if year else None


@dataclass(frozen=True)
class Baseline:
    """What the Simulador uses: its inputs, and how to say where they come from."""

    inputs: simulation.Inputs
    caption: str | None = None
    missing: str | None = None


def simulator_baseline(scenario, inputs: simulation.Inputs, place) -> Baseline:
    """The Simulador's inputs with the user's file as the baseline, when the scenario asks."""
    if not scenario.own_file:
        return Baseline(inputs)
    digest, year = _parse(scenario.own_file)
    own = files().get(digest)
    if own is None:
        return Baseline(
            inputs,
            missing=_(
                "Este escenario usa datos de un archivo propio (huella `{digest}`) que no está "
                "en esta sesión: los datos subidos viven solo en la sesión de quien los subió. "
                "Suba el mismo archivo en «Mis datos» para ver esas cifras; mientras tanto se "
                "muestran los datos de la app."
            ).format(digest=digest),
        )
    try:
        imported = own.read(year)
    except InvalidFile as err:  # pragma: no cover - the file was read once already
        return Baseline(inputs, missing=err.message)
    if place.kind != "distrito" or place.code not in imported.keys:
        return Baseline(
            inputs,
            missing=_(
                "Su archivo {file} no tiene datos de {place}: se muestran los datos de la app. "
                "Elija en «Mis datos» la municipalidad del archivo."
            ).format(file=quote(own.name), place=place.name),
        )
    mb = imported.municipality(place.code)
    spending = spending_by_gap(
        mb, cache.study_priority_gaps(), overrides=dict(scenario.project_classes)
    )
    frame = _frame_with(place.code, scenario.year)
    own_in = own_inputs(cache.sim_inputs(), place, frame, imported, mb, spending)
    partial = _(" (parcial)") if imported.partial else ""
    return Baseline(
        own_in,
        caption=_("{place}, {year}{partial}: sus datos ({file}) y brechas del Censo 2017").format(
            place=place.name, year=mb.year, partial=partial, file=quote(own.name)
        ),
    )


def _frame_with(ubigeo: str, year: str) -> pd.DataFrame:
    """A district frame that has the district (the scenario's year, else the average)."""
    frame = cache.district_frame(year)
    if (frame["ubigeo"] == ubigeo).any():
        return frame
    return cache.district_frame("promedio")


def spending(own: OwnFile, imported: Imported, key: str) -> GapSpending:
    mb = imported.municipality(key)
    return spending_by_gap(mb, cache.study_priority_gaps(), overrides=classes_for(own.digest))


def use_in_simulator(own: OwnFile, imported: Imported, ubigeo: str) -> None:
    """Make a municipality of a file the Simulador's baseline (a button's callback)."""
    state.set_territory(ubigeo)
    year = str(imported.year)
    state.put(
        state.get().with_(
            own_file=f"{own.digest}:{imported.year}",
            project_classes=dict(classes_for(own.digest)),
            # the selector shows the file's year where the app has it too
            year=year if year in ANIOS else state.get().year,
        )
    )


def size_text(own: OwnFile) -> str:
    return f"{num(len(own.content) / 1024, 0)} KB"


def place_name(ubigeo: str) -> str:
    """The district's INEI name: ``Puno (Puno, Puno)``."""
    return cache.place(ubigeo)[0].name


def escape_md(text: str) -> str:
    r"""User text shown where Streamlit reads Markdown, as plain text (one line).

    Examples
    --------
    >>> print(escape_md("[x](http://a.example) *b* <i>"))
    \[x\]\(http\://a\.example\) \*b\* \<i\>
    """
    text = " ".join(str(text).split())
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~:$" else c for c in text)


def gap_labels() -> dict[str, str]:
    """Gap id -> label in the run's language, plus ``otros``."""
    gaps = cache.study_priority_gaps()
    labels = {g: _(label) for g, label in zip(gaps["gap_id"], gaps["label"], strict=True)}
    labels["otros"] = _("Otros (no cierra una brecha prioritaria)")
    return labels

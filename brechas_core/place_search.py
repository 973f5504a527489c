"""Find a place by name: every department, province and district of Peru (data/districts.csv).

Names are compared without accents, case or punctuation, so "juliaca", "San Roman",
"SAN ROMÁN" and "capazo" all find their place. Results are ranked: the whole name first, then
names that start with the query, then names with a word that starts with it, then names that
contain it; within a rank the larger territory first, then by name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from brechas_core.i18n import _

KIND_ORDER = {"departamento": 0, "provincia": 1, "distrito": 2}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by one space.

    >>> normalize("  San Román ")
    'san roman'
    >>> normalize("CAPAZO") == normalize("Capazo")
    True
    >>> normalize("Ñuñoa-Ayaviri")
    'nunoa ayaviri'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub(" ", plain).strip()


@dataclass(frozen=True)
class Place:
    """One searchable place: its code (2-, 4- or 6-digit ubigeo), kind and label."""

    code: str
    kind: str
    name: str
    within: str  # "" for a department, "Puno" for a province, "San Román, Puno" for a district
    key: str  # normalize(name)

    @property
    def label(self) -> str:
        """The place with its kind and where it is, in the run's language."""
        if self.kind == "departamento":
            return _("{name} (departamento)").format(name=self.name)
        if self.kind == "provincia":
            return _("{name} (provincia, {within})").format(name=self.name, within=self.within)
        return _("{name} (distrito, {within})").format(name=self.name, within=self.within)


def index(districts: pd.DataFrame) -> tuple[Place, ...]:
    """Every department, province and district of the districts table."""
    d = districts.sort_values("ubigeo")
    places: list[Place] = []
    for row in d.drop_duplicates("department_code").itertuples(index=False):
        places.append(Place(row.department_code, "departamento", row.department, "", ""))
    for row in d.drop_duplicates("province_code").itertuples(index=False):
        places.append(Place(row.province_code, "provincia", row.province, row.department, ""))
    for row in d.itertuples(index=False):
        places.append(
            Place(row.ubigeo, "distrito", row.district, f"{row.province}, {row.department}", "")
        )
    return tuple(Place(p.code, p.kind, p.name, p.within, normalize(p.name)) for p in places)


def _rank(key: str, query: str) -> int | None:
    if key == query:
        return 0
    if key.startswith(query):
        return 1
    if f" {query}" in f" {key}":
        return 2
    if query in key:
        return 3
    return None


def search(places: tuple[Place, ...], query: str, limit: int = 8) -> list[Place]:
    """The places whose name matches ``query``, best first (at most ``limit``).

    A query of "name, province" narrows by where the place is ("Puno, Puno" is the province
    of Puno or its district, not the department)."""
    name, _comma, where = str(query).partition(",")
    q, w = normalize(name), normalize(where)
    if not q:
        return []
    found = []
    for p in places:
        rank = _rank(p.key, q)
        if rank is None or (w and w not in normalize(p.within)):
            continue
        found.append((rank, KIND_ORDER[p.kind], p.key, p.code, p))
    found.sort(key=lambda t: t[:4])
    return [t[-1] for t in found[:limit]]


def only_match(places: tuple[Place, ...], query: str) -> Place | None:
    """The place to open at once: the only place whose whole name is the query."""
    exact = [
        p
        for p in search(places, query, limit=50)
        if _rank(p.key, normalize(str(query).partition(",")[0])) == 0
    ]
    return exact[0] if len(exact) == 1 else None

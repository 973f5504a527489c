"""Public investment projects classified into the study's ten priority gaps (or ``otros``).

The study (Apaza et al., 2025) classified 1,623 Puno projects by hand into the ten CEPLAN
priority gaps and put the rest in "otros" (sports slabs, community halls, parks...). This module
does the same automatically, from the project's name, with keyword/phrase rules kept in
``data/project_rules.csv`` so that they can be read, reviewed and changed without code.

How a name is read
------------------
MEF names follow a formula: *intervention + service + place* ("MEJORAMIENTO DEL SERVICIO DE
AGUA POTABLE EN LA LOCALIDAD DE ..."). So:

1. The name is normalised: accents dropped, upper case, dots removed (``I.E.`` -> ``IE``,
   ``SS.HH.`` -> ``SSHH``), every other symbol becomes a space.
2. Short "IOARR" names ("RENOVACION DE PUENTE; EN EL(LA) CAMINO VECINAL ...") have two
   parts: the unit after ``EN EL(LA)`` (the service) is read first, then the assets before it.
   The unit decides unless it only gives a generic ``otros`` (often it is just an address,
   "EN EL(LA) CALLE ..."): then a gap found in the assets ("RED DE ALCANTARILLADO") wins.
   An *exclusion* (an ``otros`` rule listed before the first gap rule of scope ``term``:
   riego, storm drains, culverts, public lighting) always decides.
3. The place is cut off at the first ``DISTRITO``/``PROVINCIA``/``DEPARTAMENTO``.
4. Rules of scope ``name`` look at the whole remaining text and win first (the irrigation
   exclusion: a name that speaks of riego and not of drinking water is irrigation).
5. Otherwise the **leftmost** rule term in the text wins: the service named first is the
   project's service, so "PISTAS Y VEREDAS ... Y OBRAS COMPLEMENTARIAS DE AGUA" is a road and
   "AGUA POTABLE ... EN LA CALLE ..." is water. At the same position, the rule listed first in
   the file wins (that is how "AGUA PARA RIEGO" beats "AGUA", and "ALCANTARILLAS" of a road
   beats nothing: it is its own ``otros`` rule).
6. No rule matches: ``otros`` (rule ``sin_coincidencia``).

Water and sewage together
-------------------------
A project that builds both water and sewage ("AGUA POTABLE Y ALCANTARILLADO", "SANEAMIENTO
BASICO") gets ``gap_id`` = the service named first and ``also_gap_id`` = the other one; its
amount is split **half and half** between the two (:func:`attribute`), so each sol is counted
once. The split is a stated convention (MEF names give no cost breakdown), not a measurement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from brechas_core.i18n import N_

__all__ = [
    "NO_MATCH_RULE",
    "OTROS",
    "ClassifiedProjects",
    "ProjectRules",
    "attribute",
    "classify",
    "gap_classes",
    "load_rules",
    "normalize_name",
]

#: How a project's name is read, in Spanish (the Proyectos page explains the rules with it).
HOW_NAMES_ARE_READ = N_(
    "Los nombres de los proyectos del MEF siguen una fórmula: *intervención + servicio + "
    "lugar* («MEJORAMIENTO DEL SERVICIO DE AGUA POTABLE EN ...»). Se leen sin tildes ni "
    "mayúsculas, sin el lugar (desde «DISTRITO»), y decide el primer servicio nombrado. "
    "Antes se aplican las exclusiones: el agua para riego y los canales son riego, las "
    "alcantarillas de una vía son obras viales (no alcantarillado), una vía con «obras "
    "complementarias de agua» es una vía, el alumbrado público no es electricidad de las "
    "viviendas. Un proyecto de agua y desagüe a la vez se reparte mitad y mitad. Las "
    "reglas, en su orden:"
)
#: How well the rules classify, and where that is measured.
EVALUATION_NOTE = N_(
    "Medida sobre nombres reales de siete departamentos que no se usaron para escribir las "
    "reglas, etiquetados a mano (tests/data/projects_labelled.csv): el resultado está en "
    "data/README.md y se recalcula con scripts/eval_classifier.py."
)

OTROS = "otros"
NO_MATCH_RULE = "sin_coincidencia"
NO_MATCH_REASON = N_("Ningún término de las diez brechas en el nombre: cuenta en otros.")

_RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "project_rules.csv"
_GAPS_FILE = Path(__file__).resolve().parent.parent / "data" / "study_priority_gaps.csv"

_IOARR = re.compile(r";\s*EN\s+EL\s*\(\s*LA\s*\)", re.IGNORECASE)
_PLACE = re.compile(r"\b(?:DISTRITOS?|PROVINCIAS?|DEPARTAMENTOS?)\b")
_NOT_WORD = re.compile(r"[^A-Z0-9]+")


def gap_classes() -> list[str]:
    """The classes a project can get: the ten gap ids of the study's Table 2, then ``otros``.

    Examples
    --------
    >>> gap_classes()[0], gap_classes()[-1], len(gap_classes())
    ('agua', 'otros', 11)
    """
    gaps = pd.read_csv(_GAPS_FILE, usecols=["gap_id"], dtype=str)["gap_id"].tolist()
    return [*gaps, OTROS]


def _read_parts(name: object) -> list[str]:
    """The normalised parts of a name: one, or for an IOARR name its unit then its assets."""
    if name is None or (isinstance(name, float) and np.isnan(name)):
        return []
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().upper()
    parts = _IOARR.split(text, maxsplit=1)
    if len(parts) == 2:
        parts = [parts[1], parts[0]]
    cleaned = []
    for part in parts:
        part = part.replace(".", "")
        cut = _PLACE.search(part)
        if cut is not None:
            part = part[: cut.start()]
        part = _NOT_WORD.sub(" ", part).strip()
        if part:
            cleaned.append(part)
    return cleaned


def normalize_name(name: object) -> str:
    """The text the rules read: IOARR unit first, place cut off, no accents, upper case.

    Examples
    --------
    >>> normalize_name("Mejoramiento del Servicio de Agua Potable en Ñuñoa, Distrito de X")
    'MEJORAMIENTO DEL SERVICIO DE AGUA POTABLE EN NUNOA'
    >>> normalize_name("RENOVACION DE PUENTE; EN EL(LA) CAMINO VECINAL R19  DISTRITO DE X")
    'CAMINO VECINAL R19 RENOVACION DE PUENTE'
    >>> normalize_name("CONSTRUCCION DE AULAS EN LA I.E. N° 7")
    'CONSTRUCCION DE AULAS EN LA IE N 7'
    """
    return " ".join(_read_parts(name))


RULES_SCHEMA = pa.DataFrameSchema(
    {
        "rule_id": pa.Column(str, pa.Check.str_matches(r"^[a-z_]+$"), unique=True),
        "gap_id": pa.Column(str),
        "also_gap_id": pa.Column(str),
        "scope": pa.Column(str, pa.Check.isin(["name", "term"])),
        "pattern": pa.Column(str, pa.Check.str_length(min_value=1)),
        "reason": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=True,
    coerce=True,
)


@dataclass(frozen=True)
class ProjectRules:
    """Validated classification rules, compiled into one regular expression.

    ``table`` keeps the rules in file order; ``regex`` has one named group per rule (``r0``,
    ``r1``...), ``name`` rules first, so ``match.lastgroup`` says which rule matched.
    """

    table: pd.DataFrame
    regex: re.Pattern[str]
    exclusion: np.ndarray

    def rule_index(self, group: str) -> int:
        return int(group[1:])


def load_rules(path: Path | None = None) -> ProjectRules:
    """Read, validate and compile the rules file (``data/project_rules.csv`` by default).

    Every ``gap_id``/``also_gap_id`` must be one of :func:`gap_classes` (or empty for
    ``also_gap_id``) and every pattern must compile; anything else raises ``ValueError``.

    Examples
    --------
    >>> rules = load_rules()
    >>> rules.table.iloc[0]["scope"], bool(rules.table["rule_id"].is_unique)
    ('name', True)
    """
    table = pd.read_csv(path or _RULES_FILE, dtype=str, keep_default_na=False)
    table = RULES_SCHEMA.validate(table)
    classes = set(gap_classes())
    bad = sorted(set(table["gap_id"]) - classes)
    bad_also = sorted(set(table["also_gap_id"]) - classes - {""})
    if bad or bad_also:
        raise ValueError(f"Reglas con brechas desconocidas: {bad + bad_also}")
    table = table.reset_index(drop=True)
    alternatives = []
    order = list(table.index[table["scope"] == "name"]) + list(
        table.index[table["scope"] == "term"]
    )
    for i in order:
        pattern = table.at[i, "pattern"]
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"Regla {table.at[i, 'rule_id']}: patrón inválido ({exc})") from exc
        if table.at[i, "scope"] == "name":
            alternatives.append(f"(?P<r{i}>^{pattern})")
        else:
            alternatives.append(rf"(?P<r{i}>\b(?:{pattern})\b)")
    # Exclusions: the otros rules listed before the first gap rule of scope "term".
    is_gap = (table["gap_id"] != OTROS).to_numpy()
    term_gaps = np.flatnonzero(is_gap & (table["scope"] == "term").to_numpy())
    first_gap = int(term_gaps[0]) if len(term_gaps) else len(table)
    exclusion = (~is_gap) & (np.arange(len(table)) < first_gap)
    return ProjectRules(table=table, regex=re.compile("|".join(alternatives)), exclusion=exclusion)


@dataclass(frozen=True)
class ClassifiedProjects:
    """One entry per input name, aligned with the input order.

    Attributes
    ----------
    name : the names as given.
    gap_id : a gap id of :func:`gap_classes` (``otros`` included).
    also_gap_id : the second gap of a combined water-and-sewage project, else ``""``.
    rule_id : the rule that decided (``sin_coincidencia`` when none matched).
    matched : the words of the name that triggered the rule (``""`` for none or ``name``
        rules, which look at the whole name).
    reason : the rule's Spanish explanation.
    """

    name: np.ndarray
    gap_id: np.ndarray
    also_gap_id: np.ndarray
    rule_id: np.ndarray
    matched: np.ndarray
    reason: np.ndarray

    def __len__(self) -> int:
        return len(self.gap_id)

    def to_frame(self) -> pd.DataFrame:
        """The classification as a table, one row per name, in the input order."""
        return pd.DataFrame(
            {
                "name": self.name,
                "gap_id": self.gap_id,
                "also_gap_id": self.also_gap_id,
                "rule_id": self.rule_id,
                "matched": self.matched,
                "reason": self.reason,
            }
        )


def classify(names: Sequence[object], rules: ProjectRules | None = None) -> ClassifiedProjects:
    """Classify project names into the ten priority gaps or ``otros``.

    Vectorised over the distinct names: each distinct name is normalised and searched once
    with one compiled expression, however many times it repeats.

    Examples
    --------
    >>> c = classify([
    ...     "MEJORAMIENTO DEL SERVICIO DE AGUA POTABLE EN EL CASERIO X",
    ...     "MEJORAMIENTO DEL SERVICIO DE AGUA PARA RIEGO DEL CANAL Y",
    ...     "CREACION DE LOSA DEPORTIVA EN EL ANEXO Z",
    ...     "AMPLIACION DEL SISTEMA DE AGUA POTABLE Y ALCANTARILLADO DE W",
    ... ])
    >>> list(c.gap_id), list(c.also_gap_id)
    (['agua', 'otros', 'otros', 'agua'], ['', '', '', 'desague'])
    >>> list(c.rule_id)
    ['agua', 'riego_en_el_nombre', 'deporte_recreacion', 'agua_y_desague']
    """
    rules = rules or load_rules()
    values = pd.Series(list(names), dtype=object)
    codes, uniques = pd.factorize(values.fillna(""), use_na_sentinel=False)
    table = rules.table
    n = len(uniques)
    gap = np.full(n, OTROS, dtype=object)
    also = np.full(n, "", dtype=object)
    rule = np.full(n, NO_MATCH_RULE, dtype=object)
    matched = np.full(n, "", dtype=object)
    reason = np.full(n, NO_MATCH_REASON, dtype=object)
    search = rules.regex.search
    is_gap = (table["gap_id"] != OTROS).to_numpy()
    # plain lists: a pandas lookup per matched name cost ~0.1 ms (most of the time on 40k names)
    gap_ids, also_ids = table["gap_id"].tolist(), table["also_gap_id"].tolist()
    rule_ids, reasons = table["rule_id"].tolist(), table["reason"].tolist()
    for k, raw in enumerate(uniques):
        best = None
        for part in _read_parts(raw):
            m = search(part)
            if m is None:
                continue
            i = rules.rule_index(m.lastgroup)
            if best is None or is_gap[i] or rules.exclusion[i]:
                best = (m, i)
            if is_gap[i] or rules.exclusion[i]:
                break
        if best is None:
            continue
        m, i = best
        gap[k] = gap_ids[i]
        also[k] = also_ids[i]
        rule[k] = rule_ids[i]
        matched[k] = m.group(0)
        reason[k] = reasons[i]
    return ClassifiedProjects(
        name=values.to_numpy(dtype=object),
        gap_id=gap[codes],
        also_gap_id=also[codes],
        rule_id=rule[codes],
        matched=matched[codes],
        reason=reason[codes],
    )


def attribute(
    frame: pd.DataFrame,
    amount_columns: Sequence[str],
    gap_column: str = "gap_id",
    also_column: str = "also_gap_id",
) -> pd.DataFrame:
    """Long table of money per gap: each project's amounts go to its gap, or half and half.

    A project with an ``also_gap_id`` (water and sewage together) gives two rows with
    ``weight`` 0.5 each; any other project one row with ``weight`` 1. The amounts are
    multiplied by the weight, so summing by gap counts every sol exactly once.

    Examples
    --------
    >>> f = pd.DataFrame({"cui": [1, 2], "gap_id": ["agua", "otros"],
    ...                   "also_gap_id": ["desague", ""], "monto": [100.0, 40.0]})
    >>> attribute(f, ["monto"])[["cui", "gap_id", "weight", "monto"]].to_dict("records")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'cui': 1, 'gap_id': 'agua', 'weight': 0.5, 'monto': 50.0},
     {'cui': 1, 'gap_id': 'desague', 'weight': 0.5, 'monto': 50.0},
     {'cui': 2, 'gap_id': 'otros', 'weight': 1.0, 'monto': 40.0}]
    """
    also = frame[also_column].fillna("").astype(str)
    split = also != ""
    first = frame.assign(weight=np.where(split, 0.5, 1.0))
    second = frame[split].assign(**{gap_column: also[split], "weight": 0.5})
    out = pd.concat([first, second])
    out = out.assign(_order=np.r_[np.arange(len(frame)), np.flatnonzero(split.to_numpy())])
    out = out.sort_values("_order", kind="stable").drop(columns=["_order", also_column])
    for column in amount_columns:
        out[column] = out[column] * out["weight"]
    return out.reset_index(drop=True)

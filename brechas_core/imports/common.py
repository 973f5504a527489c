"""What every importer shares: limits, the Spanish error, the result object, the summary.

Each reader (:mod:`.mef_csv`, :mod:`.consulta_amigable`, :mod:`.template`) turns a file into
the same long table of *lines* (one per municipality × function × project, amounts in soles)
and :func:`summarize` turns the lines into an :class:`Imported`: the municipalities of one
year with their PIA, PIM, devengado, execution and spending by function and by project, plus
what was left out and why (other levels of government, other years).

Nothing here reads a file from disk or writes one: readers take the uploaded bytes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from brechas_core.i18n import N_, _

__all__ = [
    "FUNCTION_NAMES",
    "LINE_COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "Imported",
    "InvalidFile",
    "LeftOut",
    "MunicipalBudget",
    "digest",
    "plain",
    "summarize",
]

#: The largest file accepted (the same cap as ``server.maxUploadSize``).
MAX_BYTES = 10 * 1024 * 1024
#: The most table rows read from one file (a 10 MB MEF extract has about 40,000).
MAX_ROWS = 300_000

#: MEF FUNCION codes and their names with accents (peru-budget-data.md).
FUNCTION_NAMES: dict[str, str] = {
    "01": N_("Legislativa"),
    "02": N_("Relaciones exteriores"),
    "03": N_("Planeamiento, gestión y reserva de contingencia"),
    "04": N_("Defensa y seguridad nacional"),
    "05": N_("Orden público y seguridad"),
    "06": N_("Justicia"),
    "07": N_("Trabajo"),
    "08": N_("Comercio"),
    "09": N_("Turismo"),
    "10": N_("Agropecuaria"),
    "11": N_("Pesca"),
    "12": N_("Energía"),
    "13": N_("Minería"),
    "14": N_("Industria"),
    "15": N_("Transporte"),
    "16": N_("Comunicaciones"),
    "17": N_("Ambiente"),
    "18": N_("Saneamiento"),
    "19": N_("Vivienda y desarrollo urbano"),
    "20": N_("Salud"),
    "21": N_("Cultura y deporte"),
    "22": N_("Educación"),
    "23": N_("Protección social"),
    "24": N_("Previsión social"),
    "25": N_("Deuda pública"),
}

#: Level-of-government codes (MEF ``NIVEL_GOBIERNO``) and their names.
LEVELS = {
    "E": N_("Gobierno nacional"),
    "R": N_("Gobiernos regionales"),
    "M": N_("Gobiernos locales"),
}

#: The normalised lines every reader produces.
LINE_COLUMNS = (
    "year",  # int
    "level",  # "M", "E", "R" or "" when the file does not say (then taken as municipal)
    "ubigeo",  # 6 digits or ""
    "sec_ejec",  # MEF executing-unit code or ""
    "entity",  # the municipality's name as written in the file
    "function_code",  # 2 digits or "" when the file has no function breakdown
    "cui",  # the project's CUI, or "" for activities and totals
    "project",  # the project's name or ""
    "pia",
    "pim",
    "devengado",
)


class InvalidFile(ValueError):
    """A file that cannot be used, with one Spanish message saying what to fix."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def digest(content: bytes) -> str:
    """The file's fingerprint: the first 12 hex digits of its SHA-256.

    Examples
    --------
    >>> digest(b"abc")
    'ba7816bf8f01'
    """
    return hashlib.sha256(content).hexdigest()[:12]


def plain(text: object) -> str:
    """Upper case without accents or repeated spaces, to compare labels and names.

    Examples
    --------
    >>> plain("  Educación  básica ")
    'EDUCACION BASICA'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped).strip().upper()


# --------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeftOut:
    """Rows of the file that were not used, and why (in Spanish)."""

    reason: str
    rows: int
    pim: float
    devengado: float


@dataclass(frozen=True)
class MunicipalBudget:
    """One municipality's budget for the year read.

    Attributes
    ----------
    key : str
        The ubigeo, or ``"ue-" + sec_ejec`` when the file does not give the district.
    ubigeo : str or None
    sec_ejec : str or None
    name : str
    year : int
    pia, pim, devengado : float
        Soles, summed over every line of the file for this municipality and year.
    execution_pct : float
        ``100 * devengado / pim`` (0 when PIM is 0), the MEF "avance %".
    functions : DataFrame
        ``function_code, function_name, pia, pim, devengado, share_pct`` (share of the
        devengado); empty when the file has no function breakdown.
    projects : DataFrame
        ``cui, project, function_code, pim, devengado``; empty when the file has none.
    """

    key: str
    ubigeo: str | None
    sec_ejec: str | None
    name: str
    year: int
    pia: float
    pim: float
    devengado: float
    execution_pct: float
    functions: pd.DataFrame = field(repr=False)
    projects: pd.DataFrame = field(repr=False)

    @property
    def has_functions(self) -> bool:
        return not self.functions.empty

    @property
    def has_projects(self) -> bool:
        return not self.projects.empty


@dataclass(frozen=True)
class Imported:
    """What a file holds for the app: municipalities of one year, and what was left out.

    Attributes
    ----------
    kind : {"mef", "consulta", "plantilla"}
    kind_label : str
        Spanish name of the format.
    file_name, digest : str
        The uploaded name and the content's fingerprint (:func:`digest`).
    year : int
        The year read (the latest in the file unless another was asked for).
    years : tuple of int
        Every year with municipal rows in the file.
    partial : bool
        The year is not closed yet (execution so far).
    partial_note : str
    totals : DataFrame
        One row per municipality: ``key, ubigeo, sec_ejec, name, pia, pim, devengado,
        execution_pct``, sorted by key.
    lines : DataFrame
        The municipal lines of that year (:data:`LINE_COLUMNS` plus ``key``).
    left_out : tuple of LeftOut
    notes : tuple of str
        Spanish remarks about how the file was read.
    """

    kind: str
    kind_label: str
    file_name: str
    digest: str
    year: int
    years: tuple[int, ...]
    partial: bool
    partial_note: str
    totals: pd.DataFrame = field(repr=False)
    lines: pd.DataFrame = field(repr=False)
    left_out: tuple[LeftOut, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.totals["key"])

    @property
    def has_functions(self) -> bool:
        return bool((self.lines["function_code"] != "").any())

    @property
    def has_projects(self) -> bool:
        return bool((self.lines["cui"] != "").any())

    @property
    def size_bytes(self) -> int:
        """Memory the tables take (what a session holds for this file)."""
        return int(
            self.lines.memory_usage(deep=True).sum() + self.totals.memory_usage(deep=True).sum()
        )

    def municipality(self, key: str) -> MunicipalBudget:
        """One municipality of the file (``KeyError`` if it is not there)."""
        hit = self.totals.index[self.totals["key"] == key]
        if hit.empty:
            raise KeyError(key)
        row = self.totals.loc[hit[0]]
        lines = self.lines[self.lines["key"] == key]
        with_function = lines[lines["function_code"] != ""]
        if with_function.empty:
            functions = pd.DataFrame(
                columns=["function_code", "function_name", "pia", "pim", "devengado", "share_pct"]
            )
        else:
            functions = (
                with_function.groupby("function_code", sort=True)[["pia", "pim", "devengado"]]
                .sum()
                .reset_index()
            )
            functions.insert(
                1,
                "function_name",
                functions["function_code"].map(FUNCTION_NAMES).fillna(N_("Función desconocida")),
            )
            total = float(row["devengado"])
            functions["share_pct"] = 100.0 * functions["devengado"] / total if total > 0 else 0.0
        projects = (
            lines[lines["cui"] != ""]
            .groupby(["cui", "project", "function_code"], sort=False)[["pim", "devengado"]]
            .sum()
            .reset_index()
            .sort_values(["devengado", "cui"], ascending=[False, True], kind="stable")
            .reset_index(drop=True)
        )
        return MunicipalBudget(
            key=key,
            ubigeo=row["ubigeo"] or None,
            sec_ejec=row["sec_ejec"] or None,
            name=str(row["name"]),
            year=self.year,
            pia=float(row["pia"]),
            pim=float(row["pim"]),
            devengado=float(row["devengado"]),
            execution_pct=float(row["execution_pct"]),
            functions=functions,
            projects=projects,
        )


# --------------------------------------------------------------------------------------
# From lines to the result
# --------------------------------------------------------------------------------------


def _execution(dev: np.ndarray, pim: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(pim > 0, 100.0 * dev / np.where(pim > 0, pim, 1.0), 0.0)


def summarize(
    lines: pd.DataFrame,
    *,
    kind: str,
    kind_label: str,
    file_name: str,
    content_digest: str,
    year: int | None = None,
    partial_years: dict[int, str] | None = None,
    notes: tuple[str, ...] = (),
) -> Imported:
    """Keep the municipal lines of one year; count what is left out, and why.

    Parameters
    ----------
    lines : DataFrame
        :data:`LINE_COLUMNS`, already validated, and optionally ``n_rows`` (how many rows
        of the file each line sums; 1 by default).
    year : int, optional
        The year to read; the latest in the file by default.
    partial_years : dict, optional
        Years known to be incomplete, with a Spanish note (e.g. ``"ejecución hasta
        agosto"``).

    Raises
    ------
    InvalidFile
        If no line belongs to a municipality.
    """
    lines = lines.copy()
    if "n_rows" not in lines:
        lines["n_rows"] = 1
    left: list[LeftOut] = []

    is_local = lines["level"].isin(["M", ""])
    for level, rows in lines[~is_local].groupby("level", sort=True):
        name = (
            _(LEVELS[str(level)])
            if str(level) in LEVELS
            else _("nivel {level}").format(level=level)
        )
        left.append(
            LeftOut(
                reason=_(
                    "Otro nivel de gobierno ({level}: {name}): la app compara municipalidades "
                    "(nivel M)."
                ).format(level=level, name=name),
                rows=int(rows["n_rows"].sum()),
                pim=float(rows["pim"].sum()),
                devengado=float(rows["devengado"].sum()),
            )
        )
    local = lines[is_local]
    if local.empty:
        raise InvalidFile(
            _(
                "El archivo no tiene filas de municipalidades (nivel de gobierno «M: GOBIERNOS "
                "LOCALES»). En el portal del MEF, filtre por Gobiernos Locales y por su "
                "municipalidad antes de descargar."
            )
        )
    years = tuple(sorted(int(y) for y in local["year"].unique()))
    if year is None or year not in years:
        year = years[-1]
    for other, rows in local[local["year"] != year].groupby("year", sort=True):
        left.append(
            LeftOut(
                reason=_(
                    "Otro año ({other}): se muestra {year}; elija {other} arriba para verlo."
                ).format(other=other, year=year),
                rows=int(rows["n_rows"].sum()),
                pim=float(rows["pim"].sum()),
                devengado=float(rows["devengado"].sum()),
            )
        )
    chosen = local[local["year"] == year].copy()
    chosen["key"] = np.where(chosen["ubigeo"] != "", chosen["ubigeo"], "ue-" + chosen["sec_ejec"])
    names = chosen.groupby("key", sort=True).agg(
        ubigeo=("ubigeo", "first"), sec_ejec=("sec_ejec", "first"), name=("entity", "first")
    )
    sums = chosen.groupby("key", sort=True)[["pia", "pim", "devengado"]].sum()
    totals = names.join(sums).reset_index()
    totals["execution_pct"] = _execution(
        totals["devengado"].to_numpy(float), totals["pim"].to_numpy(float)
    )
    partial_years = partial_years or {}
    return Imported(
        kind=kind,
        kind_label=kind_label,
        file_name=file_name,
        digest=content_digest,
        year=int(year),
        years=years,
        partial=year in partial_years,
        partial_note=partial_years.get(year, ""),
        totals=totals,
        lines=chosen.reset_index(drop=True),
        left_out=tuple(left),
        notes=notes,
    )

"""A scenario: every input the user sets, and its round trip through a shareable link.

The whole scenario lives in the URL's query parameters, with readable Spanish names, so that
copying the address bar shares it. Parsing is strict and total: every value is checked
against a pattern and a range; a malformed value is ignored and an out-of-range one clamped,
each with a Spanish notice saying what was done. Nothing in a URL is ever evaluated or
unpickled: values are matched with regular expressions and converted with ``float``/``int``.

Parameters (also documented on the Metodología page):

============  =====================================================  =====================
name          meaning                                                values
============  =====================================================  =====================
datos         data version the link was made with                    8 hex characters
territorio    territory                                              estudio, PE, ubigeo
anio          year                                                   2021-2025, promedio
vista         view                                                   prioritarias, sectores
minimo        guaranteed minimum for the targets, % of the budget    0-100
reparto       how the top-up is shared                               brecha, igual, manual,
                                                                     optimo
excluir       priority gaps left out of the rule                     ids, comma-separated
pisos         per-gap floors, % of the budget                        id:valor,...
pesos         manual weights for ``reparto=manual``                  id or code:valor,...
protegido     part of the rest no rule may cut, % of the budget      0-100
umbral        sector view: functions with a gap at or above it       0-100
fijar         sector view: shares set by hand                        código:valor,...
bloquear      sector view: functions that never move                 códigos
presupuesto   annual budget (PIM), soles                             0-1e11
ejecucion     execution rate (devengado / PIM), %                    0-100
poblacion     population                                             1-40,000,000
horizonte     projection horizon, years                              1-50
costo         unit cost per person, soles (central case)             id:valor,...
archivo       the user's own budget file (Mis datos): its content   12 hex[:año]
              hash, and the year read from it
clases        project classes chosen by the user for that file      cui:id,...
meta          target gap % per gap within the horizon (reverse)      id:valor,... (0-100)
fondo         Territorios: a fund to split across municipalities     0-1e11 soles a year
objetivo      what the fund maximises                                personas, brechas
lang          the interface's language (not part of the scenario:    es (default), en
              brechas_core.i18n reads it)
============  =====================================================  =====================
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from brechas_core.fmt import num
from brechas_core.i18n import DEFAULT as DEFAULT_LANG
from brechas_core.i18n import LANGS, N_, _
from brechas_core.vocabulary import PRIORITY, REPARTOS, VIEWS, Reparto, View

__all__ = [
    "ANIOS",
    "LINK_METHOD",
    "PARAMETERS",
    "PARTIAL_YEARS",
    "REPARTOS",
    "SLOTS",
    "VISTAS",
    "YEAR_LABELS",
    "ParseResult",
    "Scenario",
    "from_comparison_query",
    "from_query",
    "to_comparison_query",
    "to_query",
]

#: The accepted values of ``vista`` and ``reparto``: the one vocabulary
#: (:mod:`brechas_core.vocabulary`), so the link and the rule spell them alike.
VISTAS = VIEWS
FUND_OBJECTIVES = ("personas", "brechas")
ANIOS = ("promedio", "2021", "2022", "2023", "2024", "2025")
#: Years whose execution is not closed in data/municipalities.csv (column ``partial``).
PARTIAL_YEARS = ("2025",)
#: How each year is named in selectors.
YEAR_LABELS = {
    "promedio": "Promedio 2021-2023",
    **{y: y for y in ANIOS[1:]},
    **{y: f"{y} (parcial)" for y in PARTIAL_YEARS},
}


def year_label(year: str) -> str:
    """How a year is named, in the run's language (YEAR_LABELS in Spanish).

    >>> year_label("promedio"), year_label("2025"), year_label("2023")
    ('Promedio 2021-2023', '2025 (parcial)', '2023')
    """
    if year == "promedio":
        return _("Promedio 2021-2023")
    if year in PARTIAL_YEARS:
        return _("{year} (parcial)").format(year=year)
    return year


# ASCII digits only ([0-9], not \d, which also matches "١٢"); up to 24 decimals and an
# exponent, so that the shortest exact text of any float (repr) reads back the same float.
_NUMBER = re.compile(r"^-?[0-9]{1,12}(\.[0-9]{1,24})?([eE][-+]?[0-9]{1,3})?$")
_ID = re.compile(r"^[a-z_]{1,30}$")
_CODE = re.compile(r"^[0-9]{2}$")
#: Manual weights name a priority gap (prioritarias) or a function code (sectores).
_ID_OR_CODE = re.compile(r"^([a-z_]{1,30}|[0-9]{2})$")
_HEX8 = re.compile(r"^[0-9a-f]{8}$")
_TERRITORY = re.compile(r"^(estudio|PE|[0-9]{2}|[0-9]{4}|[0-9]{6})$")
_OWN_FILE = re.compile(r"^[0-9a-f]{12}(:(19|20)[0-9]{2})?$")
_CUI = re.compile(r"^[0-9]{1,10}$")
_MAX_LEN = 600

#: The link's parameters, for the Metodología page: (name, meaning, accepted values).
PARAMETERS = (
    (
        "datos",
        N_("Versión de los datos con que se creó el enlace"),
        N_("8 caracteres hexadecimales"),
    ),
    ("territorio", N_("Territorio"), N_("estudio, PE, o un ubigeo de 2, 4 o 6 dígitos")),
    ("anio", N_("Año del presupuesto"), N_("2021 a 2025 (2025 parcial) o promedio")),
    ("vista", N_("Qué se compara"), N_("prioritarias (Tabla 2) o sectores (Tabla 3)")),
    (
        "minimo",
        N_("Mínimo garantizado para las brechas, % del presupuesto ejecutado"),
        N_("0 a 100"),
    ),
    ("reparto", N_("Cómo se reparte el aumento"), N_("brecha, igual, manual u optimo")),
    ("excluir", N_("Brechas que no entran en la regla"), N_("ids separados por comas")),
    ("pisos", N_("Piso de cada brecha, % del presupuesto"), N_("id:valor,… (0 a 100)")),
    ("pesos", N_("Pesos del reparto manual"), N_("id o código:valor,… (0 a 100; por defecto 1)")),
    (
        "protegido",
        N_("Parte del resto que ninguna regla recorta, % del presupuesto"),
        N_("0 a 100"),
    ),
    ("umbral", N_("Vista sectores: brecha desde la que una función se protege, %"), N_("0 a 100")),
    ("fijar", N_("Vista sectores: participaciones fijadas a mano"), N_("código:valor,… (0 a 100)")),
    (
        "bloquear",
        N_("Vista sectores: funciones que no se mueven"),
        N_("códigos separados por comas"),
    ),
    ("presupuesto", N_("Presupuesto anual (PIM), S/"), N_("0 a 100,000,000,000")),
    ("ejecucion", N_("Tasa de ejecución (devengado / PIM), %"), N_("0 a 100")),
    ("poblacion", N_("Población"), N_("1 a 40,000,000")),
    ("horizonte", N_("Horizonte de la proyección, años"), N_("1 a 50")),
    ("costo", N_("Costo por persona (caso central), S/"), N_("id:valor,… (1 a 10,000,000)")),
    (
        "archivo",
        N_(
            "Sus datos (Mis datos): huella del archivo y año leído; quien abre el enlace debe "
            "subir el mismo archivo"
        ),
        N_("12 caracteres hexadecimales, opcionalmente :año"),
    ),
    (
        "clases",
        N_("Clases de proyecto elegidas al revisar sus datos"),
        N_("cui:id,… (id de brecha u otros)"),
    ),
    (
        "meta",
        N_("«¿Qué mínimo necesito?»: brecha a alcanzar en el horizonte, % (0 = cerrarla)"),
        N_("id:valor,… (0 a 100)"),
    ),
    (
        "fondo",
        N_("Territorios: fondo a repartir entre municipalidades, S/ al año"),
        N_("0 a 100,000,000,000"),
    ),
    (
        "objetivo",
        N_("Territorios: qué busca el fondo"),
        N_("personas (más cubiertas) o brechas (más cerradas)"),
    ),
    ("lang", N_("Idioma de la interfaz (no cambia ninguna cifra)"), N_("es (por defecto) o en")),
)


@dataclass(frozen=True)
class Scenario:
    """Every input of a scenario. Immutable; ``replace`` it to change a field.

    Per-item settings are sorted tuples of ``(id, value)`` so that equal scenarios compare
    and encode equal. ``None`` for a projection input means "the territory's default".
    """

    territory: str = "estudio"
    year: str = "promedio"
    view: View = PRIORITY
    minimum_pct: float = 0.0
    reparto: Reparto = "brecha"
    excluded: tuple[str, ...] = ()
    floors: tuple[tuple[str, float], ...] = ()
    weights: tuple[tuple[str, float], ...] = ()
    protected_pct: float = 0.0
    threshold_pct: float = 50.0
    overrides: tuple[tuple[str, float], ...] = ()
    locked: tuple[str, ...] = ()
    budget_soles: float | None = None
    execution_pct: float | None = None
    population: int | None = None
    horizon_years: int = 10
    unit_costs: tuple[tuple[str, float], ...] = ()
    #: The user's own file as the baseline (Mis datos): "hash" or "hash:year".
    own_file: str | None = None
    #: Project classes chosen by the user for that file: sorted (cui, gap id) pairs.
    project_classes: tuple[tuple[str, str], ...] = ()
    targets: tuple[tuple[str, float], ...] = ()
    fund_soles: float | None = None
    fund_objective: str = "personas"
    data_version: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # One canonical form, whoever builds it (a widget, a link, a test): id lists sorted
        # and unique, per-item settings sorted by id, so that equal scenarios compare equal.
        for name in ("excluded", "locked"):
            object.__setattr__(self, name, tuple(sorted(set(getattr(self, name)))))
        for name in ("floors", "weights", "overrides", "unit_costs", "targets"):
            object.__setattr__(self, name, _pairs(dict(getattr(self, name))))
        object.__setattr__(
            self,
            "project_classes",
            tuple(sorted((str(k), str(v)) for k, v in dict(self.project_classes).items())),
        )

    def floors_dict(self) -> dict[str, float]:
        return dict(self.floors)

    def weights_dict(self) -> dict[str, float]:
        return dict(self.weights)

    def overrides_dict(self) -> dict[str, float]:
        return dict(self.overrides)

    def unit_costs_dict(self) -> dict[str, float]:
        return dict(self.unit_costs)

    def with_(self, **changes) -> Scenario:
        """A copy with some fields changed, per-item mappings normalised to sorted tuples."""
        for name in ("floors", "weights", "overrides", "unit_costs", "targets"):
            if isinstance(changes.get(name), Mapping):
                changes[name] = _pairs(changes[name])
        if isinstance(changes.get("project_classes"), Mapping):
            classes = changes["project_classes"]
            changes["project_classes"] = tuple(sorted((str(k), str(v)) for k, v in classes.items()))
        for name in ("excluded", "locked"):
            if name in changes and not isinstance(changes[name], tuple):
                changes[name] = tuple(sorted(changes[name]))
        return replace(self, **changes)


@dataclass(frozen=True)
class ParseResult:
    """A scenario read from a link, and what had to be fixed to read it."""

    scenario: Scenario
    notices: tuple[str, ...]


def _pairs(mapping: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((str(k), float(v)) for k, v in mapping.items()))


def _fmt(value: float) -> str:
    """Shortest exact text of a number for a link: ``40``, ``12.5``, ``0.1234567``.

    It reads back as the very same float (``repr``), so a link never cuts a value.

    Examples
    --------
    >>> _fmt(40.0), _fmt(12.5), _fmt(27.283456789), _fmt(-0.0), _fmt(1e-07)
    ('40', '12.5', '27.283456789', '0', '1e-07')
    """
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def to_query(scenario: Scenario) -> dict[str, str]:
    """Query parameters for a scenario: always the main settings, other items when set.

    Examples
    --------
    >>> q = to_query(Scenario(minimum_pct=40, floors=(("agua", 10.0),), data_version="abcd1234"))
    >>> q["minimo"], q["pisos"], q["datos"]
    ('40', 'agua:10', 'abcd1234')
    """
    s = scenario
    q = {
        "territorio": s.territory,
        "anio": s.year,
        "vista": s.view,
        "minimo": _fmt(s.minimum_pct),
        "reparto": s.reparto,
    }
    if s.data_version:
        q["datos"] = s.data_version
    optional = {
        "excluir": ",".join(s.excluded),
        "pisos": ",".join(f"{k}:{_fmt(v)}" for k, v in s.floors),
        "pesos": ",".join(f"{k}:{_fmt(v)}" for k, v in s.weights),
        "protegido": _fmt(s.protected_pct) if s.protected_pct else "",
        "umbral": _fmt(s.threshold_pct) if s.threshold_pct != Scenario.threshold_pct else "",
        "fijar": ",".join(f"{k}:{_fmt(v)}" for k, v in s.overrides),
        "bloquear": ",".join(s.locked),
        "presupuesto": _fmt(s.budget_soles) if s.budget_soles is not None else "",
        "ejecucion": _fmt(s.execution_pct) if s.execution_pct is not None else "",
        "poblacion": str(s.population) if s.population is not None else "",
        "horizonte": str(s.horizon_years) if s.horizon_years != Scenario.horizon_years else "",
        "costo": ",".join(f"{k}:{_fmt(v)}" for k, v in s.unit_costs),
        "archivo": s.own_file or "",
        "clases": ",".join(f"{k}:{v}" for k, v in s.project_classes),
        "meta": ",".join(f"{k}:{_fmt(v)}" for k, v in s.targets),
        "fondo": _fmt(s.fund_soles) if s.fund_soles is not None else "",
        "objetivo": s.fund_objective if s.fund_objective != Scenario.fund_objective else "",
    }
    q.update({k: v for k, v in optional.items() if v})
    return q


class _Reader:
    """Reads one query mapping, collecting Spanish notices for whatever it had to fix."""

    def __init__(self, params: Mapping[str, str | list[str]]):
        self.params = {}
        for key, value in params.items():
            # A repeated parameter: the last one wins, as browsers and Streamlit do.
            if isinstance(value, list | tuple):
                if not value:  # a parameter with no value at all: as if absent
                    continue
                value = value[-1]
            self.params[str(key)] = str(value)
        self.notices: list[str] = []

    def raw(self, name: str) -> str | None:
        value = self.params.get(name)
        if value is None:
            return None
        value = value.strip()
        if len(value) > _MAX_LEN:
            self.notices.append(
                _("El parámetro «{name}» del enlace es demasiado largo y se ignoró.").format(
                    name=name
                )
            )
            return None
        return value

    def choice(self, name: str, options: Iterable[str], default: str) -> str:
        value = self.raw(name)
        if value is None:
            return default
        options = tuple(options)
        if value not in options:
            self.notices.append(
                _("«{name}={value}» no es válido (use {options}); se usó «{default}».").format(
                    name=name, value=_show(value), options=", ".join(options), default=default
                )
            )
            return default
        return value

    def number(self, name: str, lo: float, hi: float, default, *, integer=False):
        value = self.raw(name)
        if value is None:
            return default
        return self._to_number(name, value, lo, hi, default, integer=integer)

    def _to_number(self, name, value, lo, hi, default, *, integer=False, item=""):
        label = f"{name}{f' ({item})' if item else ''}"
        if not _NUMBER.match(value) or not math.isfinite(float(value)):
            self.notices.append(
                _(
                    "«{label}» debe ser un número (por ejemplo 40 o 12.5), no «{value}»; se ignoró."
                ).format(label=label, value=_show(value))
            )
            return default
        number = float(value)
        if integer and number != int(number):
            rounded = float(int(number + 0.5)) if number >= 0 else float(round(number))
            self.notices.append(
                _("«{label}» debe ser un número entero, no {number}; se usó {rounded}.").format(
                    label=label, number=num(number, 2), rounded=num(rounded, 0)
                )
            )
            number = rounded
        if number < lo or number > hi:
            clamped = min(max(number, lo), hi)
            self.notices.append(
                _(
                    "«{label}» = {number} está fuera del rango permitido ({lo} a {hi}); "
                    "se usó {clamped}."
                ).format(
                    label=label,
                    number=num(number, 2),
                    lo=num(lo, 0),
                    hi=num(hi, 0),
                    clamped=num(clamped, 2),
                )
            )
            number = float(clamped)
        return int(number) if integer else number

    def id_list(self, name: str, pattern: re.Pattern, known: Iterable[str]) -> tuple[str, ...]:
        value = self.raw(name)
        if not value:
            return ()
        known = set(known)
        good, bad = [], []
        for part in value.split(","):
            part = part.strip()
            (good if pattern.match(part) and part in known else bad).append(part)
        if bad:
            self.notices.append(
                _("En «{name}» se ignoraron valores desconocidos: {values}.").format(
                    name=name, values=_show_list(bad)
                )
            )
        return tuple(sorted(set(good)))

    def pairs(
        self, name: str, pattern: re.Pattern, known: Iterable[str], lo: float, hi: float
    ) -> tuple[tuple[str, float], ...]:
        value = self.raw(name)
        if not value:
            return ()
        known = set(known)
        out: dict[str, float] = {}
        bad = []
        for part in value.split(","):
            key, sep, text = part.strip().partition(":")
            if not sep or not pattern.match(key) or key not in known:
                bad.append(part.strip())
                continue
            number = self._to_number(name, text.strip(), lo, hi, None, item=key)
            if number is not None:
                out[key] = number
        if bad:
            self.notices.append(
                _(
                    "En «{name}» se ignoraron elementos no válidos: {values} "
                    "(use id:valor separados por comas)."
                ).format(name=name, values=_show_list(bad))
            )
        return _pairs(out)


# Characters that end a line or a paragraph somewhere (CommonMark, Unicode, browsers).
_LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _show(value: str) -> str:
    r"""User text quoted back in a notice: shortened, on one line, and never interpreted.

    Notices are shown as Markdown, so the value goes inside a code span: there nothing is
    a link, an emphasis, HTML or one of Streamlit's ``:color[...]`` / ``$math$``
    extensions, and a URL is not autolinked. Backticks, which could close the span, are
    replaced by a look-alike (U+02CB). A code span ends at a blank line, so every line or
    paragraph separator becomes a visible ``⏎`` and any other control or format character
    (tab, NUL, bidirectional overrides...) a ``�``.

    Examples
    --------
    >>> print(_show("[Descargar](https://example.org)"))
    `[Descargar](https://example.org)`
    >>> print(_show("`x` **y**"))
    `ˋxˋ **y**`
    >>> print(_show("x\n\n[Pague](https://e.example)"))
    `x⏎⏎[Pague](https://e.example)`
    >>> print(_show("a\u2028# b\u202e"))
    `a⏎# b�`
    """
    value = value.replace("\r\n", "\n")
    value = value if len(value) <= 40 else value[:37] + "…"
    value = "".join(
        "\u23ce"
        if ch in _LINE_BREAKS
        else "\ufffd"
        if unicodedata.category(ch).startswith("C")
        else ch
        for ch in value
    )
    value = value.replace("`", "\u02cb").strip() or "\u02cb\u02cb"
    return f"`{value}`"


def _show_list(values: Iterable[str], limit: int = 5) -> str:
    """Several quoted values, at most ``limit`` of them and a count of the rest.

    >>> print(_show_list(["a", "b", "c"], limit=2))
    `a`, `b` y 1 más
    """
    values = list(values)
    shown = ", ".join(_show(v) for v in values[:limit])
    if len(values) <= limit:
        return shown
    return _("{shown} y {rest} más").format(shown=shown, rest=num(len(values) - limit, 0))


MAX_NOTICES = 6


def group_notices(notices: Iterable[str], limit: int = MAX_NOTICES) -> list[str]:
    """The notices to show for one link: repeats once, and at most ``limit`` lines.

    A long tampered link can produce hundreds of notices; the first ones say what kind of
    fault it has, the last line counts the rest.

    >>> group_notices(["a", "a", "b"])
    ['a', 'b']
    >>> group_notices([f"n{i}" for i in range(9)], limit=3)
    ['n0', 'n1', 'Y 7 avisos más del mismo tipo sobre este enlace.']
    """
    unique = list(dict.fromkeys(notices))
    if len(unique) <= limit:
        return unique
    rest = len(unique) - (limit - 1)
    more = _("Y {rest} avisos más del mismo tipo sobre este enlace.").format(rest=num(rest, 0))
    return [*unique[: limit - 1], more]


KNOWN_PARAMS = (
    *("datos", "territorio", "anio", "vista", "minimo", "reparto", "excluir", "pisos"),
    *("pesos", "protegido", "umbral", "fijar", "bloquear", "presupuesto", "ejecucion"),
    *("poblacion", "horizonte", "costo", "archivo", "clases", "meta", "fondo"),
    *("objetivo",),
)
#: Parameters of the link that are not part of the scenario: the interface's language.
INTERFACE_PARAMS = ("lang",)


def _classes(r: _Reader, gap_ids: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``clases=cui:gap,...``: project classes chosen by the user (a gap id or otros)."""
    value = r.raw("clases")
    if not value:
        return ()
    known = {*gap_ids, "otros"}
    out, bad = {}, []
    for part in value.split(","):
        cui, sep, gap = part.strip().partition(":")
        if sep and _CUI.match(cui) and gap in known:
            out[cui] = gap
        else:
            bad.append(part.strip())
    if bad:
        r.notices.append(
            _(
                "En «clases» se ignoraron elementos no válidos: {values} "
                "(use cui:brecha separados por comas)."
            ).format(values=", ".join(_show(b) for b in bad))
        )
    return tuple(sorted(out.items()))


def from_query(
    params: Mapping[str, str | list[str]],
    *,
    gap_ids: Iterable[str],
    function_codes: Iterable[str],
    current_data_version: str | None = None,
) -> ParseResult:
    """Read a scenario from query parameters, fixing what is wrong with Spanish notices.

    Parameters
    ----------
    params : mapping
        Query parameters (``st.query_params.to_dict()`` or a parsed query string).
    gap_ids, function_codes : iterable of str
        The priority-gap ids and function codes that exist in the data.
    current_data_version : str, optional
        When given and the link carries another ``datos``, a notice says so.

    Examples
    --------
    >>> res = from_query({"minimo": "40", "reparto": "igual"}, gap_ids=["agua"],
    ...                  function_codes=["18"])
    >>> res.scenario.minimum_pct, res.scenario.reparto, res.notices
    (40.0, 'igual', ())
    >>> res = from_query({"minimo": "250"}, gap_ids=[], function_codes=[])
    >>> res.scenario.minimum_pct, len(res.notices)
    (100.0, 1)
    >>> from_query({"minimo": "__import__('os')"}, gap_ids=[], function_codes=[]).scenario
    ... # doctest: +ELLIPSIS
    Scenario(territory='estudio', ..., minimum_pct=0.0, ...)
    """
    gap_ids = tuple(gap_ids)
    function_codes = tuple(function_codes)
    r = _Reader(params)
    d = Scenario()
    # a.minimo, b.reparto...: the scenarios of a comparison (from_comparison_query)
    known = (*KNOWN_PARAMS, *INTERFACE_PARAMS)
    unknown = sorted(k for k in r.params if k not in known and not _SLOT.match(k))
    if unknown:
        r.notices.append(
            _("Se ignoraron parámetros desconocidos: {names}.").format(names=_show_list(unknown))
        )

    # The interface's language is read by brechas_core.i18n.from_link; here only checked.
    r.choice("lang", LANGS, DEFAULT_LANG)

    version = r.raw("datos")
    if version is not None and not _HEX8.match(version):
        r.notices.append(_("La versión de datos del enlace («datos») no es válida; se ignoró."))
        version = None
    if version and current_data_version and version != current_data_version:
        r.notices.append(
            _(
                "Este enlace se creó con otra versión de los datos ({version}); la app usa ahora "
                "{current}. El escenario se reproduce, pero las cifras pueden diferir."
            ).format(version=version, current=current_data_version)
        )

    territory = r.raw("territorio")
    if territory is not None and not _TERRITORY.match(territory):
        r.notices.append(
            _(
                "«territorio={value}» no es válido (use estudio, PE o un ubigeo de 2, 4 "
                "o 6 dígitos); se usó el estudio."
            ).format(value=_show(territory))
        )
        territory = None

    own_file = r.raw("archivo") or None
    if own_file is not None and not _OWN_FILE.match(own_file):
        r.notices.append(
            _(
                "«archivo={value}» no es una huella de archivo válida; se usan los datos de la app."
            ).format(value=_show(own_file))
        )
        own_file = None

    scenario = Scenario(
        territory=territory or d.territory,
        year=r.choice("anio", ANIOS, d.year),
        view=r.choice("vista", VISTAS, d.view),
        minimum_pct=r.number("minimo", 0, 100, d.minimum_pct),
        reparto=r.choice("reparto", REPARTOS, d.reparto),
        excluded=r.id_list("excluir", _ID, gap_ids),
        floors=r.pairs("pisos", _ID, gap_ids, 0, 100),
        weights=r.pairs("pesos", _ID_OR_CODE, gap_ids + function_codes, 0, 100),
        protected_pct=r.number("protegido", 0, 100, d.protected_pct),
        threshold_pct=r.number("umbral", 0, 100, d.threshold_pct),
        overrides=r.pairs("fijar", _CODE, function_codes, 0, 100),
        locked=r.id_list("bloquear", _CODE, function_codes),
        budget_soles=r.number("presupuesto", 0, 1e11, d.budget_soles),
        execution_pct=r.number("ejecucion", 0, 100, d.execution_pct),
        population=r.number("poblacion", 1, 40_000_000, d.population, integer=True),
        horizon_years=r.number("horizonte", 1, 50, d.horizon_years, integer=True),
        unit_costs=r.pairs("costo", _ID, gap_ids, 1, 10_000_000),
        own_file=own_file,
        project_classes=_classes(r, gap_ids) if own_file else (),
        targets=r.pairs("meta", _ID, gap_ids, 0, 100),
        fund_soles=r.number("fondo", 0, 1e11, d.fund_soles),
        fund_objective=r.choice("objetivo", FUND_OBJECTIVES, d.fund_objective),
        data_version=current_data_version,
    )
    return ParseResult(scenario, tuple(r.notices))


#: Letters of the scenarios a comparison keeps (A-D), as its link writes them.
SLOTS = ("a", "b", "c", "d")
_SLOT = re.compile(r"^[a-d]\.[a-z]{1,12}$")


def to_comparison_query(
    scenarios: Sequence[Scenario], data_version: str | None = None
) -> dict[str, str]:
    """One link for up to four scenarios: each one's parameters prefixed by its letter
    (``a.minimo=30&b.minimo=50``), and the data version once.

    Examples
    --------
    >>> q = to_comparison_query([Scenario(minimum_pct=30), Scenario(minimum_pct=50)], "abcd1234")
    >>> q["datos"], q["a.minimo"], q["b.minimo"], "c.minimo" in q
    ('abcd1234', '30', '50', False)
    """
    q = {"datos": data_version} if data_version else {}
    for letter, scenario in zip(SLOTS, scenarios, strict=False):
        q.update({f"{letter}.{k}": v for k, v in to_query(scenario).items() if k != "datos"})
    return q


def from_comparison_query(
    params: Mapping[str, str | list[str]],
    *,
    gap_ids: Iterable[str],
    function_codes: Iterable[str],
    current_data_version: str | None = None,
) -> tuple[tuple[Scenario, ...], tuple[str, ...]]:
    """The scenarios of a comparison link, each read as strictly as a link of its own, and
    the Spanish notices (prefixed by the scenario's letter).

    Examples
    --------
    >>> found, notices = from_comparison_query(
    ...     {"a.minimo": "30", "b.minimo": "50", "b.reparto": "igual", "d.minimo": "x"},
    ...     gap_ids=[], function_codes=[])
    >>> [(s.minimum_pct, s.reparto) for s in found]
    [(30.0, 'brecha'), (50.0, 'igual'), (0.0, 'brecha')]
    >>> notices[0].startswith("Escenario D: «minimo»")
    True
    """
    gap_ids, function_codes = tuple(gap_ids), tuple(function_codes)
    groups: dict[str, dict] = {letter: {} for letter in SLOTS}
    for key, value in params.items():
        if _SLOT.match(str(key)):
            groups[str(key)[0]][str(key)[2:]] = value
    notices: list[str] = []
    if "datos" in params:  # the version notice, once
        notices += from_query(
            {"datos": params["datos"]},
            gap_ids=gap_ids,
            function_codes=function_codes,
            current_data_version=current_data_version,
        ).notices
    scenarios = []
    for letter in SLOTS:
        if not groups[letter]:
            continue
        res = from_query(
            groups[letter],
            gap_ids=gap_ids,
            function_codes=function_codes,
            current_data_version=current_data_version,
        )
        scenarios.append(res.scenario)
        notices += [
            _("Escenario {letter}: {notice}").format(letter=letter.upper(), notice=n)
            for n in res.notices
        ]
    return tuple(scenarios), tuple(group_notices(notices))


#: How the link carries the scenario, in Spanish (Metodología, above :data:`PARAMETERS`).
LINK_METHOD = N_(
    "El escenario completo vive en los parámetros del enlace; al copiar la barra de "
    "direcciones se comparte exactamente. Un valor mal escrito se ignora y uno fuera de rango "
    "se ajusta al límite, siempre con un aviso. Nada del enlace se ejecuta."
)

"""A one-page A4 PDF "ficha" of a scenario or a comparison, with fpdf2.

fpdf2 is pure Python (fontTools and Pillow), actively maintained, embeds TrueType fonts as
real, searchable text and places images and tables without a layout engine: a fixed one-page
sheet is all it has to do (ReportLab would also do, with a heavier API for the same page).
Charts are PNGs rendered by vl-convert from the same Altair specs as the app
(:mod:`brechas_core.export.images`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from brechas_core.describe import YEAR_LABELS, rule_text
from brechas_core.export.frames import Entry, label_text
from brechas_core.export.qr import qr_png
from brechas_core.fmt import num, pct, pp, soles, years_to_close
from brechas_core.i18n import N_, _
from brechas_core.simulation import RESTO_LABEL

__all__ = ["Figure", "ficha"]

#: TrueType fonts tried in order (Debian: fonts-dejavu-core, fonts-liberation). Without
#: any, the PDF falls back to a core font and writes Greek letters as words.
FONTS = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
)
_LATIN1 = {"ρ": "rho", "α": "alfa", "→": "->", "—": "-", "≈": "~", "×": "x", "²": "2"}
SOURCES = N_(
    "Fuentes: Apaza et al. (2025), Tablas 2 y 3; MEF, Presupuesto y Ejecución de Gasto "
    "(datos abiertos, 2021-2023); INEI, Censo 2017. Costos por persona: supuestos "
    "ilustrativos que el usuario puede cambiar (ver Metodología)."
)
_GREY = (90, 90, 90)
_ACCENT = (213, 94, 0)


@dataclass(frozen=True)
class Figure:
    """A chart image for the page: PNG bytes and its pixel size."""

    title: str
    png: bytes
    width_px: int
    height_px: int


class _Page(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(12, 10, 12)
        self.set_auto_page_break(False)
        self.unicode = False
        for regular, bold in FONTS:
            if Path(regular).exists() and Path(bold).exists():
                self.add_font("ficha", "", regular)
                self.add_font("ficha", "B", bold)
                self.unicode = True
                break
        self.family = "ficha" if self.unicode else "helvetica"

    def text(self, value: str) -> str:  # type: ignore[override]
        if self.unicode:
            return value
        for k, v in _LATIN1.items():
            value = value.replace(k, v)
        return value.encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, bold: bool = False, colour=(0, 0, 0)) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*colour)

    def para(self, value: str, size: float, *, bold=False, colour=(0, 0, 0), h=None, w=0):
        self.font(size, bold, colour)
        self.multi_cell(w, h or size * 0.45, self.text(value), new_x="LMARGIN", new_y="NEXT")


def _when(e: Entry) -> str:
    year = YEAR_LABELS.get(e.scenario.year)
    return e.place + " · " + (_(year) if year else e.scenario.year)


def _boxes(pdf: _Page, boxes: list[tuple[str, str, str]]) -> None:
    """Headline figures in a row of boxes: label, value, detail."""
    y = pdf.get_y() + 1
    w = (pdf.epw - 3 * (len(boxes) - 1)) / len(boxes)
    for i, (label, value, detail) in enumerate(boxes):
        x = pdf.l_margin + i * (w + 3)
        pdf.set_draw_color(200, 200, 200)
        pdf.rect(x, y, w, 17)
        pdf.set_xy(x + 2, y + 1.2)
        pdf.font(7.5, colour=_GREY)
        pdf.cell(w - 4, 3.5, pdf.text(label))
        pdf.set_xy(x + 2, y + 5)
        pdf.font(12, bold=True)
        pdf.cell(w - 4, 6, pdf.text(value))
        pdf.set_xy(x + 2, y + 11.5)
        pdf.font(7.5, colour=_ACCENT)
        pdf.cell(w - 4, 4, pdf.text(detail))
    pdf.set_y(y + 19)


def _figures(pdf: _Page, figures: Sequence[Figure], height: float) -> None:
    """Charts side by side, each scaled to fit its cell, keeping its proportions."""
    if not figures:
        return
    y = pdf.get_y()
    w = (pdf.epw - 4 * (len(figures) - 1)) / len(figures)
    for i, f in enumerate(figures):
        x = pdf.l_margin + i * (w + 4)
        scale = min(w / f.width_px, height / f.height_px)
        iw, ih = f.width_px * scale, f.height_px * scale
        pdf.image(io.BytesIO(f.png), x=x + (w - iw) / 2, y=y, w=iw, h=ih, alt_text=f.title)
    pdf.set_y(y + height + 2)


def _table(pdf: _Page, header: list[str], rows: list[list[str]], widths, size=7.5) -> None:
    pdf.font(size)
    grey = FontFace(emphasis="BOLD", fill_color=(238, 240, 244))
    with pdf.table(
        col_widths=widths,
        text_align=["LEFT", *["RIGHT"] * (len(header) - 1)],
        line_height=size * 0.5,
        headings_style=grey,
        borders_layout="HORIZONTAL_LINES",
        padding=0.6,
    ) as table:
        for r in [header, *rows]:
            row = table.row()
            for value in r:
                row.cell(pdf.text(value))
    pdf.ln(2)


def _footer(pdf: _Page, link: str, data_version: str, today: date) -> None:
    """The link with its QR, the date, the data version and the sources, at the bottom."""
    qr_size = 30
    top = pdf.h - pdf.b_margin - qr_size - 12
    pdf.set_draw_color(200, 200, 200)
    pdf.line(pdf.l_margin, top - 2, pdf.w - pdf.r_margin, top - 2)
    pdf.image(io.BytesIO(qr_png(link, scale=6)), x=pdf.l_margin, y=top, w=qr_size)
    x = pdf.l_margin + qr_size + 4
    w = pdf.epw - qr_size - 4
    pdf.set_xy(x, top + 1)
    pdf.font(8, bold=True)
    pdf.cell(w, 4, pdf.text(_("Enlace al escenario (ábralo o escanee el código):")))
    pdf.set_xy(x, top + 5.5)
    pdf.font(7.5, colour=(0, 60, 140))
    pdf.multi_cell(w, 3.4, pdf.text(link), link=link)
    pdf.set_x(x)
    pdf.font(7.5, colour=_GREY)
    pdf.multi_cell(
        w,
        3.4,
        pdf.text(
            _("Fecha: {date} · versión de los datos: {version}").format(
                date=today.isoformat(), version=data_version
            )
        ),
    )
    pdf.set_x(x)
    pdf.multi_cell(w, 3.2, pdf.text(_(SOURCES)))


def _single(pdf: _Page, e: Entry, figures: Sequence[Figure]) -> None:
    sim = e.sim
    priority = sim.view == "prioritarias"
    pdf.para(_("Brechas · Ficha del escenario"), 16, bold=True, h=8)
    pdf.para(_when(e), 10, colour=_GREY, h=5)
    pdf.para(_("Regla: {rule}").format(rule=rule_text(e.scenario)), 10, bold=True, h=5)
    pdf.ln(1)
    pdf.para(sim.reading, 9, h=4.2)
    b, a = sim.before, sim.after
    _boxes(
        pdf,
        [
            (
                _("Brechas prioritarias (juntas)") if priority else _("Funciones con brecha alta"),
                pct(sim.target_after),
                _("línea base {value}").format(value=pct(sim.target_before)),
            ),
            (_("Reasignado al año"), soles(sim.top_up_soles), pp(sim.top_up_pct)),
            (
                "Spearman ρ",
                num(a.spearman.statistic, 3),
                _("línea base {value}").format(value=num(b.spearman.statistic, 3)),
            ),
            (
                "Pearson r",
                num(a.pearson.statistic, 3),
                _("línea base {value}").format(value=num(b.pearson.statistic, 3)),
            ),
        ],
    )
    _figures(pdf, figures, 78)
    items = sim.items
    moved = items[items["moved_pct"].abs() > 1e-9] if len(items) > 12 else items
    rows = [
        [
            label_text(r.label),
            pct(r.gap_pct),
            pct(r.baseline_pct),
            pct(r.scenario_pct),
            pp(r.moved_pct),
            soles(r.moved_soles),
        ]
        for r in moved.sort_values("gap_pct", ascending=False).itertuples(index=False)
    ]
    if priority:
        rows.append(
            [
                _(RESTO_LABEL),
                "",
                pct(sim.resto_before),
                pct(sim.resto_after),
                pp(sim.resto_after - sim.resto_before),
                soles(-sim.top_up_soles),
            ]
        )
    _table(
        pdf,
        [
            _("Rubro"),
            _("Brecha"),
            _("Línea base"),
            _("Con la regla"),
            _("Cambio"),
            _("Soles al año"),
        ],
        rows,
        (58, 22, 24, 24, 26, 32),
        size=7 if len(rows) > 12 else 7.5,
    )
    if sim.projection_summary is not None:
        years = sim.projection_summary
        _table(
            pdf,
            [_("Brecha"), _("Personas sin servicio"), _("Nuevas por año"), _("Años para cerrar")],
            [
                [
                    label_text(r.label),
                    num(r.people_in_need),
                    f"{num(r.covered_per_year_base)} → {num(r.covered_per_year_scenario)}",
                    f"{years_to_close(r.years_base)} → {years_to_close(r.years_scenario)}",
                ]
                for r in years.itertuples(index=False)
            ],
            (58, 40, 44, 44),
        )


def _comparison(pdf: _Page, entries: Sequence[Entry], figures: Sequence[Figure]) -> None:
    pdf.para(_("Brechas · Comparación de escenarios"), 16, bold=True, h=8)
    places = sorted({_when(e) for e in entries})
    pdf.para(" / ".join(places), 10, colour=_GREY, h=5)
    pdf.ln(1)
    for e in entries:
        pdf.para(f"{e.name}: {rule_text(e.scenario)}", 8.5, h=3.9)
    pdf.ln(1)
    header = ["", *(e.name for e in entries)]
    rows = [
        [_("Brechas juntas, línea base"), *(pct(e.sim.target_before) for e in entries)],
        [_("Brechas juntas con la regla"), *(pct(e.sim.target_after) for e in entries)],
        [_("Aumento (p.p.)"), *(pp(e.sim.top_up_pct) for e in entries)],
        [_("Reasignado al año"), *(soles(e.sim.top_up_soles) for e in entries)],
        [_("Factible"), *(_("sí") if e.sim.feasible else _("no") for e in entries)],
        [_("Spearman ρ con la regla"), *(num(e.sim.after.spearman.statistic, 3) for e in entries)],
        [_("Pearson r con la regla"), *(num(e.sim.after.pearson.statistic, 3) for e in entries)],
    ]
    labels = []
    for e in entries:
        for label in e.sim.items["label"]:
            if label not in labels:
                labels.append(label)
    shares = {e.name: dict(zip(e.sim.items["label"], e.sim.items["scenario_pct"], strict=True))
              for e in entries}  # fmt: skip
    rows += [
        [
            _("{label} (participación)").format(label=label_text(label)),
            *(pct(shares[e.name].get(label)) for e in entries),
        ]
        for label in labels
    ]
    years = {}
    for e in entries:
        if e.sim.projection_summary is not None:
            for r in e.sim.projection_summary.itertuples(index=False):
                years.setdefault(r.label, {})[e.name] = years_to_close(r.years_scenario)
    rows += [
        [
            _("{label}: años para cerrar").format(label=label_text(label)),
            *(v.get(e.name, "—") for e in entries),
        ]
        for label, v in years.items()
    ]
    w = (pdf.epw - 66) / len(entries)
    _table(pdf, header, rows, (66, *([w] * len(entries))), size=7)
    _figures(pdf, figures, 70)


def ficha(
    entries: Sequence[Entry],
    figures: Sequence[Figure],
    *,
    link: str,
    data_version: str,
    today: date,
) -> bytes:
    """The PDF's bytes: one A4 page for one scenario, or for a comparison of several.

    Examples
    --------
    >>> from brechas_core.scenario import Scenario
    >>> from brechas_core.simulation import load_inputs, simulate
    >>> s = Scenario(minimum_pct=40)
    >>> pdf = ficha([Entry("Escenario", s, simulate(s, load_inputs()), "Estudio")], [],
    ...             link="http://x/simulador?minimo=40", data_version="abcd1234",
    ...             today=date(2026, 11, 27))
    >>> pdf[:5], pdf.count(b"/Type /Page\\n")
    (b'%PDF-', 1)
    """
    pdf = _Page()
    pdf.set_title(pdf.text("Brechas · " + rule_text(entries[0].scenario)))
    pdf.set_creator("Brechas")
    pdf.add_page()
    if len(entries) == 1:
        _single(pdf, entries[0], figures)
    else:
        _comparison(pdf, entries, figures)
    _footer(pdf, link, data_version, today)
    return bytes(pdf.output())

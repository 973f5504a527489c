"""Every chart the app draws, as Altair builders: plain functions that take tidy data
(computed elsewhere in the core) and return a chart. No data loading, no Streamlit; Altair
lives only in this package (ruff bans it elsewhere). Tests check charts through
``chart.to_dict()``.

One module per page family:

- :mod:`~brechas_core.charts.style`: palette, number format, series colours, shared axes;
- :mod:`~brechas_core.charts.scenario`: the study's and a scenario's charts (Diagnóstico,
  Simulador, Taller, exported images), re-exported here (``charts.shares_template``);
- :mod:`~brechas_core.charts.maps`: the district map (choropleth);
- :mod:`~brechas_core.charts.territory`: a territory's distributions, ranking, histogram;
- :mod:`~brechas_core.charts.compare`: scenarios A-D overlaid (Comparar);
- :mod:`~brechas_core.charts.portfolio`: the Proyectos page;
- :mod:`~brechas_core.charts.workshop`: the Taller board.

The charts that redraw on every slider move are split in two, because building and
validating an Altair spec costs several milliseconds per chart and a rerun must stay fast:

- ``*_template(...)``: the chart without data, reading named datasets (``alt.NamedData``);
  its shape depends only on a few small arguments, so the interface
  (``brechas_ui.render.live_chart``, which takes the template function itself) converts it
  to a validated dict once and caches it;
- ``*_data(...)``: the named datasets for one scenario (cheap, vectorised).
"""

from brechas_core.charts import scenario
from brechas_core.charts.scenario import *  # noqa: F403  (scenario's charts as charts.<name>)
from brechas_core.charts.style import COLORS, SERIES, Chart, with_data

__all__ = ["COLORS", "SERIES", "Chart", "with_data"]
__all__ += scenario.__all__

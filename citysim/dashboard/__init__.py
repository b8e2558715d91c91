"""The classroom dashboard: a city (or two, side by side) a teacher can project, in English or French.

Modules, one concept each:

- `texts` (with `lesson_texts` and `guide_texts`): the one translation table, the registry's and the
  vocabulary's labels where they exist;
- `levers`: each governance lever as a control (its key parameter, range and unit);
- `settings`: what the controls hold (a context, a policy per city, the levers) and the scenario they build;
- `runs`: the live runs: each city on the chosen seed and its band seeds, stepped together;
- `lessons`: the guided lessons ("Things to try"), with the claims their tests check;
- `theme`, `live`, `timeseries`, `timeline`, `network`, `radar`, `readings`: the charts; `charts`: the
  charts on screen, their numbered markers and the PNG download;
- `state`, `widgets`, `controls`, `headline`, `more`, `guide`, `app`: the Solara page.

Start it with ``citysim dashboard`` or ``solara run citysim/dashboard/app.py --production``. Nothing
here builds a model at import time; the page builds its cities when a browser opens it.
"""

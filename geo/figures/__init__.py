"""Print figures drawn without a browser: the map PNG and the PDF briefing.

* :mod:`geo.figures.sheet` sets text on a page (measured wrapping, header, footer).
* :mod:`geo.figures.mapdraw` draws units, legends and place names on a matplotlib axes.
* :mod:`geo.figures.png` writes the map PNG; :mod:`geo.figures.pdf` the PDF briefing.

Colours, legends and number formats come from :mod:`geo.style`, as for the web map.
Figures are plain :class:`matplotlib.figure.Figure` objects (no pyplot), so no state is
kept between calls and Streamlit sessions do not share figures. Text is never read as
mathtext or TeX, so names containing ``$`` are drawn literally. The font is DejaVu Sans,
which matplotlib bundles and which has every Turkish letter.
"""

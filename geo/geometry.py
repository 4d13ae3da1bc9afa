"""Display geometry: topology-preserving simplification and a compact wire encoding.

The browser draws the 973 districts from geometry prepared once per level and detail
band and served as static files, so a page load or a filter change sends only styles
over the websocket. Simplification runs on the whole coverage
(:func:`shapely.coverage_simplify`), so neighbours keep identical shared borders: no
gaps, no overlaps. Coordinates are quantised to a fixed grid and delta-encoded as
integers (the idea of TopoJSON's quantisation, without its arcs), which JavaScript
decodes in a few lines (``decodeUnits`` in ``static/atlas/units.js``).

Each file is also written gzipped (``<name>.json.gz``), which the map downloads and
unpacks itself: the server then sends bytes from disk instead of compressing the same
file again for every visitor (Streamlit compresses its responses at level 9, about
20 ms of the server's event loop for the district file alone).

All coordinates are EPSG:4326 degrees; tolerances are in degrees.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo import CRS, EQUAL_AREA_CRS
from geo.atomic import write_atomically
from geo.boundaries import (
    Level,
    boundaries,
    coverage_simplified,
    provinces_table,
    region_name,
    region_of,
    regions_table,
    units,
)


@dataclass(frozen=True, slots=True)
class DetailBand:
    """One level of detail: simplification tolerance and quantisation grid (degrees)."""

    name: str
    tolerance: float
    grid: float


#: National view (zoom ≤ 7): 0.01° ≈ 1 km is under one screen pixel at zoom 6–7.
NATIONAL = DetailBand("national", tolerance=0.01, grid=0.001)
#: Province view (zoom ≥ 8): about 150 m, a pixel at zoom 10.
DETAILED = DetailBand("detailed", tolerance=0.0015, grid=0.0001)
#: Zoom level from which the browser swaps in the detailed band.
DETAIL_ZOOM = 8
#: Bump when the encoding or the bands change, so browsers fetch fresh files.
FORMAT_VERSION = 8


#: Prepared display layers are cached here as GeoParquet, so a restarted server reads
#: them in milliseconds instead of simplifying the coverage again (about 1 s per band).
CACHE_DIR = Path(__file__).resolve().parent.parent / "var" / "cache" / f"geo-v{FORMAT_VERSION}"


def _build_layer(level: Level, band: DetailBand) -> gpd.GeoDataFrame:
    districts = coverage_simplified(boundaries("district"), band.tolerance)
    if level == "district":
        return districts[["pcode", "geometry"]].reset_index(drop=True)
    # Provinces and regions are dissolved from the same simplified districts, so their
    # outlines lie exactly on district borders (one coverage at every level).
    key = "province_pcode" if level == "province" else "nuts2"
    if level == "region":
        districts = districts.assign(nuts2=region_of(districts["pcode"]))
    merged = districts[[key, "geometry"]].dissolve(by=key, as_index=False)
    return merged.rename(columns={key: "pcode"})[["pcode", "geometry"]]


@lru_cache(maxsize=8)
def _display_layer(level: Level, band: DetailBand) -> gpd.GeoDataFrame:
    path = CACHE_DIR / f"{level}-{band.name}.parquet"
    if path.is_file():
        try:
            return gpd.read_parquet(path).set_crs(CRS, allow_override=True)
        except (OSError, ValueError):
            pass  # a damaged cache file is rebuilt below
    layer = _build_layer(level, band)
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        layer.to_parquet(tmp)
        tmp.replace(path)
    except OSError:
        pass  # a read-only checkout still works, just without the cache
    return layer


def display_layer(level: Level, band: DetailBand = NATIONAL) -> gpd.GeoDataFrame:
    """Simplified polygons for display, EPSG:4326, columns ``pcode, geometry``.

    Provinces are dissolved from the simplified districts, so province outlines lie
    exactly on district borders.
    """
    return _display_layer(level, band).copy()


def _encode_ring(coords: np.ndarray, grid: float) -> list[int] | None:
    q = np.round(coords[:, :2] / grid).astype(np.int64)
    keep = np.ones(len(q), dtype=bool)
    keep[1:] = np.any(q[1:] != q[:-1], axis=1)
    q = q[keep]
    if len(q) < 4:  # a ring needs three distinct points plus closure
        return None
    deltas = np.vstack([q[:1], np.diff(q, axis=0)])
    return deltas.ravel().tolist()


def _encode_geometry(geom: BaseGeometry, grid: float) -> list[list[list[int]]]:
    polygons = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    encoded: list[list[list[int]]] = []
    for polygon in sorted(polygons, key=lambda p: -p.area):
        shell = _encode_ring(np.asarray(polygon.exterior.coords), grid)
        if shell is None:
            continue
        holes = [_encode_ring(np.asarray(r.coords), grid) for r in polygon.interiors]
        encoded.append([shell, *[h for h in holes if h is not None]])
    if not encoded:  # keep every unit drawable, however small
        coords = np.asarray(shapely.envelope(geom).exterior.coords)
        encoded.append([_encode_ring(coords, grid) or []])
    return encoded


def unit_names(pcodes: list[str]) -> dict[str, str]:
    """Display names: ``"Şahinbey, Gaziantep"`` for a district, ``"Gaziantep"`` for a province.

    A NUTS-2 region reads ``"TR21 Tekirdağ, Edirne, Kırklareli"`` (the same in both
    languages: the official names list provinces).
    """
    districts, provinces, regions = units(), provinces_table(), regions_table()
    names: dict[str, str] = {}
    for pcode in pcodes:
        if pcode in regions.index:
            names[pcode] = region_name(pcode)
        elif pcode in provinces.index:
            names[pcode] = str(provinces.at[pcode, "province"])
        elif pcode in districts.index:
            row = districts.loc[pcode]
            names[pcode] = f"{row['district']}, {row['province']}"
    return names


#: Precision of the inscribed-circle search for label points, metres.
LABEL_TOLERANCE_M = 100.0


def _largest_part(geom: BaseGeometry) -> BaseGeometry:
    if geom.geom_type == "MultiPolygon":
        return max(geom.geoms, key=lambda part: part.area)
    return geom


@lru_cache(maxsize=2)
def _label_points(level: Level) -> pd.DataFrame:
    layer = display_layer(level, NATIONAL)
    projected = layer.geometry.to_crs(EQUAL_AREA_CRS)
    circles = shapely.maximum_inscribed_circle(
        [_largest_part(g) for g in projected], tolerance=LABEL_TOLERANCE_M
    )
    centres = gpd.GeoSeries(shapely.get_point(circles, 0), crs=EQUAL_AREA_CRS).to_crs(CRS)
    pcodes = layer["pcode"].astype(str).to_numpy()
    names = provinces_table()["province"] if level == "province" else units()["district"]
    return pd.DataFrame(
        {
            "pcode": pcodes,
            "name": [str(names.get(p, p)) for p in pcodes],
            "lon": centres.x.round(4).to_numpy(),
            "lat": centres.y.round(4).to_numpy(),
            "area_km2": (projected.area / 1e6).round(1).to_numpy(),
            "radius_km": (shapely.length(circles) / 1000).round(2),
        }
    )


def label_points(level: Level) -> pd.DataFrame:
    """Where place names go: one point inside each unit of ``level``, with its name.

    The web map, the PNG/PDF exports and the standalone HTML place names at these
    points, so a name sits in the same spot on screen and on paper. Each point is the
    centre of the largest circle inscribed in the unit (the "pole of inaccessibility"
    that polylabel finds), computed in the equal-area projection in metres: inside the
    polygon, as far from its border as possible, even for concave units whose centroid
    falls outside them. Units of several parts are labelled on their largest part.
    The same points are where the map draws a pilot's dot.

    Parameters
    ----------
    level : {"province", "district"}
        81 provinces or 973 districts.

    Returns
    -------
    DataFrame
        In the order of the display geometry, columns ``pcode``; ``name`` (the unit's own
        official Turkish name, ``"Gaziantep"``, ``"Şahinbey"``, the same in both
        languages); ``lon``, ``lat`` (EPSG:4326 degrees, 4 decimals ≈ 10 m);
        ``area_km2`` (whole unit, equal-area) and ``radius_km`` (radius of the empty
        circle around the point: the room the name has). Larger units first is a good
        drawing order when names collide.
    """
    return _label_points(level).copy()


def encode_units(layer: gpd.GeoDataFrame, grid: float, *, with_names: bool = False) -> dict:
    """Encode polygons as quantised, delta-coded integer rings.

    Returns
    -------
    dict
        ``{"grid": grid, "units": [[pcode, [[ring, ...], ...]], ...]}``; each ring is a
        flat list ``[x0, y0, dx1, dy1, ...]`` in grid steps of lon/lat. With
        ``with_names``, ``"names"`` maps P-codes to display names (so maps need not send
        unit names with every page), ``"points"`` to the unit's (lat, lon) label point
        (:func:`label_points`) and ``"labels"`` lists ``[pcode, short name]`` roomiest
        unit first.
    """
    units = [
        [pcode, _encode_geometry(geom, grid)]
        for pcode, geom in zip(layer["pcode"], layer.geometry, strict=True)
    ]
    encoded: dict = {"grid": grid, "units": units}
    if with_names:
        encoded["names"] = unit_names(list(layer["pcode"]))
        # A point well inside each unit (not the box centre, which can fall outside a
        # concave district): where the map puts a dot and the unit's name, and what a
        # click on the dot reports. Names are listed roomiest unit first (drawing order).
        pcodes = list(layer["pcode"])
        points = pd.concat([label_points("province"), label_points("district")])
        points = points[points["pcode"].isin(pcodes)].set_index("pcode")
        encoded["points"] = {
            p: [round(float(points.at[p, "lat"]), 3), round(float(points.at[p, "lon"]), 3)]
            for p in pcodes
            if p in points.index
        }
        by_room = points.sort_values("radius_km", ascending=False)
        encoded["labels"] = [[p, str(row["name"])] for p, row in by_room.iterrows()]
    return encoded


def decode_units(data: dict) -> dict[str, list[list[list[tuple[float, float]]]]]:
    """Inverse of :func:`encode_units` (lon, lat tuples), used by tests and exports."""
    grid = data["grid"]
    result: dict[str, list[list[list[tuple[float, float]]]]] = {}
    for pcode, polygons in data["units"]:
        decoded = []
        for rings in polygons:
            out_rings = []
            for ring in rings:
                xy = np.cumsum(np.asarray(ring, dtype=np.int64).reshape(-1, 2), axis=0) * grid
                out_rings.append([(float(x), float(y)) for x, y in xy])
            decoded.append(out_rings)
        result[pcode] = decoded
    return result


def encoded_json(level: Level, band: DetailBand = NATIONAL) -> str:
    """Compact JSON text of one level and band, with unit names and inner points."""
    layer = display_layer(level, band)
    encoded = encode_units(layer, band.grid, with_names=True)
    return json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))


def write_static_geometry(root: Path) -> Path:
    """Write every display file under ``root/geo/v{FORMAT_VERSION}`` and return that folder.

    Files: ``district.json``, ``province.json`` and ``region.json`` (national band) and
    ``detail/<province P-code>.json`` (districts of one province and its outline,
    detailed band), each beside its gzipped twin ``<name>.json.gz``.
    Each file is written whole or not at all (:func:`geo.atomic.write_atomically`).
    """
    folder = root / "geo" / f"v{FORMAT_VERSION}"
    (folder / "detail").mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[Path, str]] = [
        (folder / "district.json", encoded_json("district")),
        (folder / "province.json", encoded_json("province")),
        (folder / "region.json", encoded_json("region")),
    ]
    detailed = display_layer("district", DETAILED)
    outlines = display_layer("province", DETAILED).set_index("pcode").geometry
    for province in sorted(detailed["pcode"].str[:6].unique()):
        part = detailed[detailed["pcode"].str.startswith(province)]
        # The province's own outline travels with its districts, so one request refines
        # both levels when the user zooms in.
        outline = gpd.GeoDataFrame(
            {"pcode": [province]}, geometry=[outlines[province]], crs=detailed.crs
        )
        both = pd.concat([part, outline], ignore_index=True)
        text = json.dumps(encode_units(both, DETAILED.grid), separators=(",", ":"))
        jobs.append((folder / "detail" / f"{province}.json", text))
    for path, text in jobs:
        data = text.encode("utf-8")  # JSON is UTF-8; names keep Turkish letters
        write_atomically(path, data)
        # mtime=0: the same geometry gives the same bytes (and the same ETag) every time.
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        write_atomically(path.with_name(f"{path.name}.gz"), packed)
    (folder / "complete").write_text("ok", encoding="utf-8")
    return folder


@lru_cache(maxsize=2)
def _tree(level: Level) -> tuple[shapely.STRtree, np.ndarray]:
    layer = display_layer(level)
    return shapely.STRtree(layer.geometry.to_numpy()), layer["pcode"].to_numpy()


def unit_at(lat: float, lon: float, level: Level = "district") -> str | None:
    """P-code of the unit under a clicked point (EPSG:4326 degrees), or ``None`` at sea."""
    tree, pcodes = _tree(level)
    hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
    return str(pcodes[hits[0]]) if len(hits) else None

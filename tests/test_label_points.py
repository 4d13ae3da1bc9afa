"""Label points: one point per unit, inside it, with the unit's own name."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest

from geo import CRS, EQUAL_AREA_CRS
from geo.geometry import LABEL_TOLERANCE_M, display_layer, encoded_json, label_points


@pytest.mark.parametrize(("level", "count"), [("province", 81), ("district", 973)])
def test_every_unit_has_one_point_inside_it(level: str, count: int) -> None:
    points = label_points(level)  # type: ignore[arg-type]
    assert list(points.columns[:4]) == ["pcode", "name", "lon", "lat"]
    assert len(points) == count and points["pcode"].is_unique
    shapes = display_layer(level).set_index("pcode").geometry  # type: ignore[arg-type]
    located = gpd.GeoSeries(gpd.points_from_xy(points["lon"], points["lat"]), index=points["pcode"])
    inside = [shapes[p].contains(pt) for p, pt in located.items()]
    assert all(inside), points.loc[[not i for i in inside], "name"].tolist()
    assert (points["radius_km"] > 0).all()


def test_names_are_the_units_own_names() -> None:
    provinces = label_points("province").set_index("pcode")
    districts = label_points("district").set_index("pcode")
    assert provinces.at["TUR027", "name"] == "Gaziantep"
    assert districts.at["TUR027007", "name"] == "Şahinbey"
    assert districts.at["TUR074002", "name"] == "Merkez"
    # Ankara's point is near the city region, not the box centre of a concave outline.
    assert 31.5 < provinces.at["TUR006", "lon"] < 34.0


def test_points_are_at_least_as_far_from_the_border_as_centroids() -> None:
    # The pole of inaccessibility maximises the distance to the border; the centroid of
    # a concave district may sit near (or beyond) it.
    points = label_points("district").set_index("pcode")
    shapes = display_layer("district").set_index("pcode").geometry.to_crs(EQUAL_AREA_CRS)
    located = gpd.GeoSeries(
        gpd.points_from_xy(points["lon"], points["lat"]), index=points.index, crs=CRS
    ).to_crs(EQUAL_AREA_CRS)[shapes.index]
    room = shapes.boundary.distance(located)
    centroids = shapes.centroid
    centroid_room = shapes.boundary.distance(centroids).where(shapes.contains(centroids), 0)
    assert (room >= centroid_room - 2 * LABEL_TOLERANCE_M).all()
    assert (room > centroid_room + 1000).sum() > 300  # often a kilometre or more roomier


def test_geometry_files_carry_label_points_and_short_names() -> None:
    data = json.loads(encoded_json("district"))
    points = label_points("district").set_index("pcode")
    lat, lon = data["points"]["TUR027007"]
    assert lat == pytest.approx(points.at["TUR027007", "lat"], abs=1e-3)
    assert lon == pytest.approx(points.at["TUR027007", "lon"], abs=1e-3)
    labels = dict(data["labels"])
    assert labels["TUR027007"] == "Şahinbey" and len(labels) == 973
    provinces = json.loads(encoded_json("province"))
    assert dict(provinces["labels"])["TUR006"] == "Ankara"

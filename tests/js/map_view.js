/* In the map's frame: the view shown, [latitude, longitude, zoom]. */
() => {
  const m = window.atlas.map, c = m.getCenter();
  return [c.lat, c.lng, m.getZoom()];
}

/* In the map's frame: the bounds shown, [south, west, north, east] in degrees. */
() => {
  const b = window.atlas.map.getBounds();
  return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
}

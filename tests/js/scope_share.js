/* In the map's frame: the share of the frame's area its scope (the fitted bounds) covers. */
() => {
  const map = window.atlas.map, size = map.getSize(), fit = window.atlas.scope;
  const a = map.latLngToContainerPoint(fit[0]), b = map.latLngToContainerPoint(fit[1]);
  return Math.abs(a.x - b.x) * Math.abs(a.y - b.y) / (size.x * size.y);
}

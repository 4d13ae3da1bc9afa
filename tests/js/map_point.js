/* In the map's frame: where a point ([latitude, longitude], degrees) is, [x, y] in the
 * map container's pixels. */
([lat, lng]) => {
  const p = window.atlas.map.latLngToContainerPoint([lat, lng]);
  return [p.x, p.y];
}

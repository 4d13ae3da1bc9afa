/*
 * In the map's frame: the drawn country's box, the scope's box, the legend's box and every
 * visible place name, in the map container's pixels; the zoom and the scale bar's text.
 */
() => {
  const map = window.atlas.map, c = map.getContainer(), origin = c.getBoundingClientRect();
  let drawn = null;
  map.eachLayer((l) => {
    if (l.atlasPcode && l.getBounds) {
      drawn = drawn ? drawn.extend(l.getBounds())
        : L.latLngBounds(l.getBounds().getSouthWest(), l.getBounds().getNorthEast());
    }
  });
  const sw = map.latLngToContainerPoint(drawn.getSouthWest());
  const ne = map.latLngToContainerPoint(drawn.getNorthEast());
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return [r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top];
  };
  const legend = document.querySelector(".atlas-legend");
  const s0 = map.latLngToContainerPoint(window.atlas.scope[0]);
  const s1 = map.latLngToContainerPoint(window.atlas.scope[1]);
  return {country: [sw.x, ne.y, ne.x, sw.y], size: [c.clientWidth, c.clientHeight],
    scope: [s0.x, s1.y, s1.x, s0.y],
    legend: legend ? box(legend) : null,
    folded: legend ? legend.classList.contains("atlas-folded") : true,
    labels: Array.from(document.querySelectorAll(".atlas-label span")).map(box),
    zoom: map.getZoom(), scale: document.querySelector(".leaflet-control-scale").innerText};
}

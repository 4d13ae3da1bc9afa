/*
 * In the map's frame: the P-codes the map draws as part of the page's scope, sorted: every
 * province outline, and every district filled otherwise than with base (the fill of
 * units outside the scope).
 */
(base) => {
  const units = new Set();
  window.atlas.map.eachLayer((layer) => {
    if (!layer.atlasPcode) { return; }
    const province = layer.atlasPcode.length === 6;
    if (province || layer.options.fillColor !== base) { units.add(layer.atlasPcode); }
  });
  return Array.from(units).sort();
}

/* Top page: forget the last map drawn (order_clock.js), so only a later drawing counts. */
() => { window.atlasDrawnAt = null; }

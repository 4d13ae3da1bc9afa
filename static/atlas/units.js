/*
 * Pilot Atlas map units: the geometry files (geo/geometry.py) downloaded, decoded and
 * turned into Leaflet polygons.
 *
 * Loaded before Leaflet, so that the geometry is requested and decoded while Leaflet
 * itself is still downloading (prefetch, decodeUnits need no Leaflet); unitPolygon does.
 * map.js draws with what this file gives it (window.AtlasUnits).
 */
(function () {
  "use strict";

  const requests = {};  // URL -> Promise of parsed JSON, shared by prefetch and init

  // Every geometry file has a gzipped twin (geo/geometry.py): the server sends it from
  // disk as it is, where the plain file would be compressed anew for every visitor.
  // A browser without DecompressionStream gets the plain file.
  const UNPACKS = typeof DecompressionStream === "function";

  function getJson(url) {
    if (!requests[url]) {
      requests[url] = fetch(UNPACKS ? url + ".gz" : url).then(function (r) {
        if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
        if (!UNPACKS) { return r.json(); }
        return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).json();
      });
      requests[url].catch(function () { delete requests[url]; });
    }
    return requests[url];
  }

  // The script's own URL carries the geometry folder (?geo=...): start those downloads now.
  function prefetch() {
    const script = document.currentScript;
    if (!script || !script.src) { return; }
    const folder = new URL(script.src, window.location.href).searchParams.get("geo");
    if (!folder || folder.charAt(0) !== "/") { return; }
    // Decoded on arrival: the first draw finds the rings ready.
    ["district", "province"].forEach(function (level) {
      getJson(folder + "/" + level + ".json").then(shapesOf).catch(function () { return null; });
    });
  }

  // Leaflet's spherical Mercator (L.Projection.SphericalMercator): the sphere's radius
  // in metres and the latitude it clamps to, in degrees. Decoding needs no Leaflet, so
  // it runs as soon as a file arrives, while Leaflet itself is still on its way.
  const EARTH_RADIUS = 6378137;
  const MAX_LATITUDE = 85.0511287798;
  const RADIANS = Math.PI / 180;

  /** One quantised, delta-coded ring -> [{lat, lng}, ...] with its metres; widens box. */
  function decodeRing(ring, grid, box) {
    const count = ring.length / 2;
    const pts = new Array(count);
    const metres = new Float64Array(ring.length);
    let x = 0, y = 0;
    for (let i = 0; i < count; i++) {
      x += ring[2 * i]; y += ring[2 * i + 1];
      const lat = y * grid, lng = x * grid;
      pts[i] = {lat: lat, lng: lng};
      // SphericalMercator.project's own arithmetic, so pixels match Leaflet's.
      const clamped = lat > MAX_LATITUDE ? MAX_LATITUDE : (lat < -MAX_LATITUDE ? -MAX_LATITUDE : lat);
      const sin = Math.sin(clamped * RADIANS);
      metres[2 * i] = EARTH_RADIUS * lng * RADIANS;
      metres[2 * i + 1] = EARTH_RADIUS * Math.log((1 + sin) / (1 - sin)) / 2;
      if (lat < box[0]) { box[0] = lat; }
      if (lng < box[1]) { box[1] = lng; }
      if (lat > box[2]) { box[2] = lat; }
      if (lng > box[3]) { box[3] = lng; }
    }
    Object.defineProperty(pts, "atlasMetres", {value: metres});
    return pts;
  }

  /**
   * Quantised, delta-coded rings -> rings of {lat, lng} vertices (see geo/geometry.py).
   * Leaflet keeps the rings as given (unitPolygon), where [lat, lng] pairs would each be
   * converted again by every polygon built from them (a redraw builds them anew from
   * these rings); Leaflet's own code reads plain {lat, lng} objects as LatLngs. Each
   * unit also gets its bounds (atlasBounds) and each ring its Web Mercator metres
   * (atlasMetres, x then y per vertex), worked out here once for unitPolygon.
   */
  function decodeUnits(data) {
    const out = {};
    const grid = data.grid;
    for (const unit of data.units) {
      const box = [Infinity, Infinity, -Infinity, -Infinity];  // south, west, north, east
      const shape = unit[1].map(function (rings) {
        return rings.map(function (ring) { return decodeRing(ring, grid, box); });
      });
      Object.defineProperty(shape, "atlasBounds", {value: [[box[0], box[1]], [box[2], box[3]]]});
      out[unit[0]] = shape;
    }
    return out;
  }

  let UnitPolygon = null;

  /**
   * L.polygon(shape, options) for a decodeUnits shape. Leaflet would convert and bound
   * every vertex again for each polygon, and run the projection's trigonometry for
   * every vertex at every zoom (some 37,000 for the 973 districts); the shape already
   * carries its bounds and its metres, so a projection is one multiply-add per axis.
   * Rings without them (a selection outline copies its rings) take Leaflet's own path.
   */
  function unitPolygon(shape, options) {
    if (!UnitPolygon) {
      const base = L.Polygon.prototype;
      UnitPolygon = L.Polygon.extend({
        _setLatLngs: function (latlngs) {
          if (!latlngs.atlasBounds) { base._setLatLngs.call(this, latlngs); return; }
          this._bounds = L.latLngBounds(latlngs.atlasBounds);
          this._latlngs = latlngs;
        },
        _projectLatlngs: function (latlngs, result, projectedBounds) {
          const metres = latlngs.atlasMetres;
          const crs = this._map.options.crs;
          if (!metres || crs !== L.CRS.EPSG3857) {
            base._projectLatlngs.call(this, latlngs, result, projectedBounds);
            return;
          }
          // The CRS's transformation is linear per axis: its values at 0 and 1 give it.
          const scale = crs.scale(this._map.getZoom());
          const at0 = crs.transformation.transform(L.point(0, 0), scale);
          const at1 = crs.transformation.transform(L.point(1, 1), scale);
          const slopeX = at1.x - at0.x, slopeY = at1.y - at0.y;
          const origin = this._map.getPixelOrigin();
          const ring = new Array(metres.length / 2);
          let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
          for (let i = 0; i < metres.length; i += 2) {
            // Rounded as Leaflet's latLngToLayerPoint does; the origin is whole pixels.
            const x = Math.round(slopeX * metres[i] + at0.x) - origin.x;
            const y = Math.round(slopeY * metres[i + 1] + at0.y) - origin.y;
            ring[i / 2] = L.point(x, y);
            minX = Math.min(minX, x); maxX = Math.max(maxX, x);
            minY = Math.min(minY, y); maxY = Math.max(maxY, y);
          }
          result.push(ring);
          if (ring.length) {
            projectedBounds.extend(L.point(minX, minY));
            projectedBounds.extend(L.point(maxX, maxY));
          }
        },
      });
    }
    return new UnitPolygon(shape, options);
  }

  /** A file's rings, decoded once: a redraw with new styles reuses them. */
  function shapesOf(data) {
    if (!data.atlasShapes) {
      Object.defineProperty(data, "atlasShapes", {value: decodeUnits(data)});
    }
    return data.atlasShapes;
  }

  window.AtlasUnits = {
    getJson: getJson, prefetch: prefetch, decodeUnits: decodeUnits,
    shapesOf: shapesOf, unitPolygon: unitPolygon,
  };
  prefetch();
}());

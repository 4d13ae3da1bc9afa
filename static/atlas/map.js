/*
 * Pilot Atlas map: units drawn from the geometry files (units.js), place names, legend,
 * fit.
 *
 * Python (geo/maps.py) passes one JSON configuration per map and calls
 * AtlasMap.init(map, cfg); nothing here is generated. Every text reaches the page through
 * textContent, never as HTML. Loaded after Leaflet and static/atlas/units.js.
 */
(function () {
  "use strict";

  const units = window.AtlasUnits;

  function textBox(lines, cls) {
    const box = document.createElement("div");
    box.className = cls;
    lines.forEach(function (line, i) {
      const row = document.createElement(i === 0 ? "strong" : "div");
      row.textContent = line;
      box.appendChild(row);
    });
    return box;
  }

  function popupBox(title, lines) {
    const box = document.createElement("div");
    box.className = "atlas-popup";
    const head = document.createElement("strong");
    head.textContent = title;
    box.appendChild(head);
    const list = document.createElement("ul");
    lines.forEach(function (line) {
      const li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  /** Place names: provinces at national zoom, districts from cfg.districtLabelZoom. */
  function placeNames(map, cfg, points, reserved, on) {
    const pane = map.getPane("atlasLabels") || map.createPane("atlasLabels");
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    const items = {province: [], district: []};
    const measure = document.createElement("canvas").getContext("2d");
    let shown = cfg.labels.show;
    const layer = L.layerGroup().addTo(map);

    function add(level, labels) {
      labels.forEach(function (entry) {
        const pcode = entry[0];
        if (points[pcode]) { items[level].push({pcode: pcode, name: entry[1], width: 0}); }
      });
    }

    function widthOf(item, level) {
      if (!item.width) {
        measure.font = level === "province" ? "600 12px system-ui, sans-serif"
          : "500 11px system-ui, sans-serif";
        item.width = Math.ceil(measure.measureText(item.name).width);
      }
      return item.width;
    }

    function overlaps(a, boxes) {
      return boxes.some(function (b) {
        return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
      });
    }

    function update() {
      layer.clearLayers();
      if (!shown) { return; }
      const level = map.getZoom() >= cfg.labels.districtZoom ? "district" : "province";
      const size = map.getSize();
      const placed = [];
      const blocked = reserved();
      items[level].forEach(function (item) {
        const point = map.latLngToContainerPoint(points[item.pcode]);
        const half = widthOf(item, level) / 2 + 2;
        const box = [point.x - half, point.y - 8, point.x + half, point.y + 8];
        if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) { return; }
        if (overlaps(box, placed) || overlaps(box, blocked)) { return; }
        placed.push(box);
        const text = document.createElement("span");
        text.textContent = item.name;
        text.setAttribute("data-pcode", item.pcode);
        L.marker(points[item.pcode], {
          pane: "atlasLabels", interactive: false, keyboard: false,
          icon: L.divIcon({className: "atlas-label atlas-label-" + level, html: text,
            iconSize: null}),
        }).addTo(layer);
      });
      map.getContainer().setAttribute("data-atlas-labels", String(placed.length));
    }

    on("zoomend moveend resize", update);
    return {
      layer: layer,
      add: add,
      update: update,
      toggle: function (on) { shown = on; update(); },
      get shown() { return shown; },
    };
  }

  /** Legend box: outside the country (bottom right) and folding on a click on its title. */
  function legendControl(map, spec, onFold) {
    const control = L.control({position: "bottomright"});
    let box = null;
    control.onAdd = function () {
      box = L.DomUtil.create("div", spec.large ? "atlas-legend atlas-large" : "atlas-legend");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      const title = document.createElement("button");
      title.type = "button";
      title.className = "atlas-legend-title";
      title.textContent = spec.title;
      title.setAttribute("aria-expanded", "true");
      title.addEventListener("click", function () {
        const folded = box.classList.toggle("atlas-folded");
        title.setAttribute("aria-expanded", folded ? "false" : "true");
        onFold();
      });
      box.appendChild(title);
      spec.items.forEach(function (item) {
        const row = document.createElement("div");
        row.className = "atlas-legend-row";
        const swatch = document.createElement("span");
        swatch.className = "atlas-swatch";
        if (item[0].indexOf("outline:") === 0) {
          swatch.style.border = "3px solid " + item[0].slice(8);
          swatch.style.background = "transparent";
        } else {
          swatch.style.background = item[0];
        }
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(item[1]));
        box.appendChild(row);
      });
      if (spec.note) {
        const note = document.createElement("div");
        note.className = "atlas-legend-note";
        note.textContent = spec.note;
        box.appendChild(note);
      }
      // On a phone the open legend would take most of the map: it starts folded there.
      if (spec.folded || map.getContainer().clientWidth < 480) {
        box.classList.add("atlas-folded");
        title.setAttribute("aria-expanded", "false");
      }
      return box;
    };
    control.addTo(map);
    return {control: control, box: function () { return box; }};
  }

  /** A small switch for the place names. */
  function labelSwitch(map, text, names) {
    const control = L.control({position: "topright"});
    control.onAdd = function () {
      const wrap = L.DomUtil.create("label", "atlas-switch leaflet-bar");
      L.DomEvent.disableClickPropagation(wrap);
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = names.shown;
      box.addEventListener("change", function () { names.toggle(box.checked); });
      wrap.appendChild(box);
      wrap.appendChild(document.createTextNode(" " + text));
      return wrap;
    };
    control.addTo(map);
    return control;
  }

  /**
   * In presentation mode ← / → and Esc change scenes, also after a click on the map: the
   * key is taken here (capture phase, before Leaflet pans) and the page's scene button is
   * pressed directly (same origin). Outside presentation the map keeps its arrow keys.
   */
  function forwardKeys() {
    const keys = {ArrowLeft: "scene_prev", ArrowRight: "scene_next", Escape: "scene_exit"};
    if (window.atlasKeysForwarded) { return; }  // once per frame, however many maps it draws
    window.atlasKeysForwarded = true;
    window.addEventListener("keydown", function (e) {
      if (!keys[e.key] || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) { return; }
      let page = null;
      try {
        if (window.parent !== window && window.parent.document) { page = window.parent; }
      } catch { page = null; }  // a cross-origin parent cannot be reached
      if (!page) { return; }
      let taken;
      if (page.AtlasPresent) {  // static/atlas/present.js on the app's page
        taken = page.AtlasPresent.press(page.document, e.key, e);
      } else {
        const button = page.document.querySelector(".st-key-" + keys[e.key] + " button");
        taken = Boolean(button);
        if (button && !button.disabled) { button.click(); }
      }
      if (taken) {
        e.preventDefault();
        e.stopPropagation();
      }
    }, true);
  }

  /** Report the view the user chose (centre, zoom) after a pause; never the initial fit. */
  function viewReporter(map, onView) {
    let last = "";
    let timer = null;
    function send() {
      const c = map.getCenter();
      const view = [Math.round(c.lat * 1e4) / 1e4, Math.round(c.lng * 1e4) / 1e4,
        map.getZoom()];
      const key = JSON.stringify(view);
      if (key === last) { return; }
      last = key;
      onView(view);
    }
    return {
      schedule: function () { clearTimeout(timer); timer = setTimeout(send, 400); },
      cancel: function () { clearTimeout(timer); },
    };
  }

  /**
   * Call fn in the animation frame after this one's canvas redraw (Leaflet asked for its
   * frame first, so its callback runs first). A hidden page gets no frames: fn runs
   * after 250 ms at the latest, so what waits for the map is not held up.
   */
  function afterCanvasPaint(fn) {
    let done = false;
    const once = function () {
      if (!done) { done = true; fn(); }
    };
    window.requestAnimationFrame(once);
    setTimeout(once, 250);
  }

  /**
   * Draw cfg's layers, legend, names and markers on `map`; returns a handle whose
   * destroy() removes all of it again, so a frame can keep its map and redraw it for new
   * styles (hooks: onView(view) after the user moved the map, onClick(latlng), onDrawn()
   * once the units are drawn or could not be, deferRefit(fn): true if it will call fn
   * later instead of now, for a refit after a resize).
   */
  function init(map, cfg, hooks) {
    hooks = hooks || {};
    const T = cfg.texts;
    const lines = function (indexes) { return indexes.map(function (i) { return T[i]; }); };
    const container = map.getContainer();
    const cleanup = [];
    let destroyed = false;
    const on = function (types, fn) {
      map.on(types, fn);
      cleanup.push(function () { map.off(types, fn); });
    };
    const keep = function (layerOrControl) {
      cleanup.push(function () { layerOrControl.remove(); });
      return layerOrControl;
    };
    // One canvas for every path (preferCanvas): a second canvas stacked on top would
    // swallow clicks meant for the units below.
    const renderer = map.getRenderer(L.polygon([[0, 0]]));
    const names = {}, points = {};
    const polygons = {};  // level -> pcode -> [polygon, ...]
    const orders = {};    // level -> P-codes in file order; rows refer to units by position
    let userMoved = false;
    let selection = {pcode: null, style: null, layer: null};
    let drawnYet = false;

    if (cfg.fullHeight) { container.style.height = "100vh"; }
    keep(L.control.scale({imperial: false, position: "bottomleft"}).addTo(map));
    const legend = cfg.legend ? legendControl(map, cfg.legend, function () { fit(); }) : null;
    if (legend) { keep(legend.control); }
    const legendBox = legend ? legend.box : function () { return null; };

    function reservedBoxes() {
      const origin = container.getBoundingClientRect();
      return Array.prototype.map.call(
        container.querySelectorAll(".leaflet-control"), function (el) {
          const r = el.getBoundingClientRect();
          return [r.left - origin.left - 4, r.top - origin.top - 4,
            r.right - origin.left + 4, r.bottom - origin.top + 4];
        });
    }
    const labels = placeNames(map, cfg, points, reservedBoxes, on);
    keep(labels.layer);
    if (cfg.labels.switchText) { keep(labelSwitch(map, cfg.labels.switchText, labels)); }

    let lastFit = null;  // the frame size and view of the last fit
    let fits = 0;  // fits made by this drawing (data-atlas-fit), each a full redraw

    /** The padding that keeps the legend (bottom right) off the scope: a strip along
     *  the bottom, or in a wide, low frame (a projector) a column on the right, whichever
     *  leaves the larger map. */
    function legendPadding() {
      // Room for the zoom buttons above, the scale bar and attribution below.
      const topLeft = [10, 40], least = [10, 34];
      const box = legendBox();
      if (!box) { return {topLeft: topLeft, bottomRight: least}; }
      const frame = container.getBoundingClientRect();
      const legend = box.getBoundingClientRect();
      // From the legend's edge to the frame's, plus a margin.
      const bottomStrip = {topLeft: topLeft,
        bottomRight: [least[0], Math.max(frame.bottom - legend.top + 8, least[1])]};
      const rightColumn = {topLeft: topLeft,
        bottomRight: [frame.right - legend.left + 8, least[1]]};
      const size = map.getSize();
      const zoomWith = function (p) {
        return map.getBoundsZoom(cfg.fit, false,
          L.point(p.topLeft[0] + p.bottomRight[0], p.topLeft[1] + p.bottomRight[1]));
      };
      // Leaflet answers its highest zoom for a padding that leaves no room, which would
      // win: a legend as wide as a phone's frame is no column to keep free.
      const leavesRoom = function (p) {
        return size.x > p.topLeft[0] + p.bottomRight[0] && size.y > p.topLeft[1] + p.bottomRight[1];
      };
      const choices = [bottomStrip, rightColumn].filter(leavesRoom);
      if (!choices.length) { return {topLeft: topLeft, bottomRight: least}; }
      return choices.reduce(function (best, p) { return zoomWith(p) > zoomWith(best) ? p : best; });
    }

    /** Frame the page's scope, leaving the legend's room free. */
    function fit() {
      const size = map.getSize();
      if (destroyed || !size.x || !size.y || !cfg.fit || userMoved) { return; }
      const padding = legendPadding();
      // Fitting again to the same frame is not free: Leaflet resets the view, which
      // re-projects and redraws every unit (some 40 ms for the 973 districts).
      const key = JSON.stringify([size.x, size.y, padding]);
      // The centre is compared on screen: Leaflet recomputes it from rounded pixels
      // after every invalidateSize, so the same view comes back a few nanodegrees off.
      if (lastFit && lastFit.key === key && map.getZoom() === lastFit.zoom
          && map.latLngToContainerPoint(lastFit.center).distanceTo(size.divideBy(2)) < 1) {
        return;
      }
      map.fitBounds(cfg.fit, {paddingTopLeft: padding.topLeft,
        paddingBottomRight: padding.bottomRight, maxZoom: cfg.fitMaxZoom, animate: false});
      lastFit = {key: key, zoom: map.getZoom(), center: map.getCenter()};
      fits += 1;
      container.setAttribute("data-atlas-fit", String(fits));
    }

    // Only the user's own hand counts as choosing a view: Leaflet also moves the map by
    // itself (max bounds, resizes), and those moves must not stop the scope being refitted.
    const moved = function (e) {
      // Folding the legend or switching names is not moving the map.
      if (!e.target.closest || !e.target.closest(".atlas-legend, .atlas-switch")) {
        userMoved = true;
      }
    };
    ["pointerdown", "wheel", "touchstart"].forEach(function (type) {
      container.addEventListener(type, moved, {passive: true});
      cleanup.push(function () { container.removeEventListener(type, moved); });
    });
    if (cfg.view) {
      userMoved = true;
      map.setView([cfg.view[0], cfg.view[1]], cfg.view[2], {animate: false});
    }
    if (hooks.onView) {
      const report = viewReporter(map, hooks.onView);
      on("moveend", function () { if (userMoved) { report.schedule(); } });
      cleanup.push(report.cancel);
    }
    if (hooks.onClick) {
      on("click", function (e) { hooks.onClick(e.latlng); });
    }
    const refit = function () {
      if (destroyed) { return; }
      fit();
      labels.update();
    };
    // The frame may have no size yet when this runs: fit again whenever it gets one.
    // Leaflet redraws at the new size at once; the fit re-projects and redraws every unit,
    // so it may wait (hooks.deferRefit) for a drawing that replaces this one.
    if (window.ResizeObserver) {
      const observer = new ResizeObserver(function () {
        map.invalidateSize({animate: false, pan: false});
        if (!hooks.deferRefit || !hooks.deferRefit(refit)) { refit(); }
      });
      observer.observe(container);
      // The legend's size changes when its stylesheet arrives or it folds: refit then too.
      if (legendBox()) { observer.observe(legendBox()); }
      cleanup.push(function () { observer.disconnect(); });
    }
    fit();
    forwardKeys();

    function load(level) {
      const got = cfg.inline ? Promise.resolve(cfg.inline[level])
        : units.getJson(cfg.url + "/" + level + ".json");
      return got.then(function (data) {
        orders[level] = data.units.map(function (u) { return u[0]; });
        Object.assign(names, data.names || {});
        Object.assign(points, data.points || {});
        labels.add(level, data.labels || []);
        // Decoded only if a layer draws this level (province files may serve names
        // only), unless the page's prefetch decoded it on arrival.
        return function () { return units.shapesOf(data); };
      });
    }

    function draw(layerCfg, shapes) {
      const group = L.featureGroup();
      const order = orders[layerCfg.level];
      const styles = {}, tips = {}, pops = {}, vals = {};
      layerCfg.rows.forEach(function (r) {  // [unit, style, tooltip lines, popup lines, value]
        const p = order[r[0]];
        if (r[1] >= 0) { styles[p] = r[1]; }
        if (r[2]) { tips[p] = r[2]; }
        if (r[3]) { pops[p] = r[3]; }
        if (r.length > 4) { vals[p] = r[4]; }
      });
      const specOf = function (pcode) {
        const i = styles[pcode];
        return i === undefined ? layerCfg.base : layerCfg.palette[i];
      };
      const hasTip = function (pcode) { return Boolean(tips[pcode]) || pcode in vals; };
      // Tooltips and popups are built when first shown, not for all 973 units up front.
      const tipOf = function (pcode) {
        return function () {
          const body = [names[pcode] || pcode].concat(lines(tips[pcode] || []));
          if (pcode in vals) { body.push(layerCfg.valueLabel + ": " + vals[pcode]); }
          return textBox(body, "atlas-tip");
        };
      };
      const popOf = function (pcode) {
        return function () { return popupBox(names[pcode] || pcode, lines(pops[pcode])); };
      };
      const bindPopup = function (layer, pcode) {
        layer.bindPopup(popOf(pcode), {maxWidth: 340});
        // Opening a popup stops the click there; pass it on so the app still learns
        // which unit was clicked (its detail panel follows the click).
        layer.on("click", function (e) {
          map.fire("click", {latlng: e.latlng, layerPoint: e.layerPoint,
            containerPoint: e.containerPoint, originalEvent: e.originalEvent});
        });
      };
      polygons[layerCfg.level] = polygons[layerCfg.level] || {};
      order.forEach(function (pcode) {
        const spec = specOf(pcode);
        if (!spec) { return; }
        // The geometry files are already simplified to the zoom they serve (about a
        // pixel), so Leaflet's own simplification and clipping on every view change cost
        // more than drawing the few off-screen vertices (a third of the first draw).
        const poly = units.unitPolygon(shapes[pcode], {fillColor: spec[0], fillOpacity: spec[1],
          color: spec[2], weight: spec[3], opacity: 1, renderer: renderer,
          interactive: layerCfg.interactive, bubblingMouseEvents: true,
          noClip: true, smoothFactor: 0});
        poly.atlasPcode = pcode;
        if (hasTip(pcode)) { poly.bindTooltip(tipOf(pcode), {sticky: true}); }
        if (pops[pcode]) { bindPopup(poly, pcode); }
        poly.addTo(group);
        (polygons[layerCfg.level][pcode] = polygons[layerCfg.level][pcode] || []).push(poly);
      });
      keep(group.addTo(map));
      const dotted = layerCfg.markers ? Object.keys(styles) : [];
      if (dotted.length) {
        const dots = keep(L.featureGroup());
        dotted.forEach(function (pcode) {
          if (!points[pcode]) { return; }
          const dot = L.circleMarker(points[pcode], {radius: 5, fillColor: specOf(pcode)[0],
            fillOpacity: 1, color: "#ffffff", weight: 1.5, renderer: renderer});
          if (hasTip(pcode)) { dot.bindTooltip(tipOf(pcode)); }
          if (pops[pcode]) { bindPopup(dot, pcode); }
          dot.addTo(dots);
        });
        const toggleDots = function () {
          if (map.getZoom() < cfg.detailZoom) { dots.addTo(map); } else { dots.remove(); }
        };
        on("zoomend", toggleDots);
        toggleDots();
      }
    }

    /** Points the app marks (e.g. a national project's office): circle and tooltip. */
    function drawMarkers() {
      (cfg.markers || []).forEach(function (m) {
        const dot = L.circleMarker(m.at, {radius: m.radius, fillColor: m.fill, fillOpacity: 1,
          color: m.line, weight: m.weight, renderer: renderer});
        if (m.tip) { dot.bindTooltip(textBox([m.tip], "atlas-tip")); }
        keep(dot.addTo(map));
      });
    }

    /** Outline one unit (the selected one) over everything else; null clears it. */
    function select(pcode, style) {
      if (selection.layer) { selection.layer.remove(); }
      selection = {pcode: pcode, style: style, layer: null};
      if (!pcode || !drawnYet) { return; }  // drawn once the units are there
      const level = pcode.length === 6 ? "province" : "district";
      const shapes = (polygons[level] || {})[pcode];
      if (!shapes || !shapes.length) { return; }
      selection.layer = L.polygon(shapes[0].getLatLngs(), Object.assign(
        {fill: false, interactive: false, renderer: renderer}, style || {})).addTo(map);
    }
    cleanup.push(function () { if (selection.layer) { selection.layer.remove(); } });

    function refineOnZoom() {
      if (cfg.inline) { return; }
      const provinceBounds = {};
      const loaded = {};
      ["district", "province"].forEach(function (level) {
        Object.keys(polygons[level] || {}).forEach(function (pcode) {
          const key = pcode.slice(0, 6);
          polygons[level][pcode].forEach(function (poly) {
            provinceBounds[key] = provinceBounds[key]
              ? provinceBounds[key].extend(poly.getBounds()) : L.latLngBounds(poly.getBounds());
          });
        });
      });
      function refine() {
        if (destroyed || map.getZoom() < cfg.detailZoom) { return; }
        const view = map.getBounds();
        Object.keys(provinceBounds).forEach(function (province) {
          if (loaded[province] || !view.intersects(provinceBounds[province])) { return; }
          loaded[province] = true;
          units.getJson(cfg.url + "/detail/" + province + ".json").then(units.decodeUnits)
            .then(function (shapes) {
              Object.keys(shapes).forEach(function (pcode) {
                const level = pcode.length === 6 ? "province" : "district";
                ((polygons[level] || {})[pcode] || []).forEach(function (poly) {
                  poly.setLatLngs(shapes[pcode]);
                });
              });
            }).catch(function () { loaded[province] = false; });
        });
      }
      on("moveend", refine);
      refine();
    }

    // A language-neutral spinner until the polygons are drawn (no blank map while loading).
    const spinner = L.control({position: "topright"});
    spinner.onAdd = function () { return L.DomUtil.create("div", "atlas-spinner"); };
    keep(spinner.addTo(map));
    container.removeAttribute("data-atlas-drawn");
    const loading = {};
    cfg.layers.forEach(function (l) { loading[l.level] = loading[l.level] || load(l.level); });
    if (cfg.labels.show && !loading.province) {
      // Province names are wanted even when no province layer is drawn.
      loading.province = load("province");
    }
    const drawn = cfg.layers.reduce(function (chain, layerCfg) {
      return chain.then(function () {
        return loading[layerCfg.level].then(function (shapes) {
          if (!destroyed) { draw(layerCfg, shapes()); }
        });
      });
    }, Promise.resolve());
    drawn.then(function () { return Promise.all(Object.values(loading)); }).then(function () {
      if (destroyed) { return; }
      Object.keys(polygons).forEach(function (level) {
        container.setAttribute("data-atlas-" + level, String(Object.keys(polygons[level]).length));
      });
      spinner.remove();
      drawMarkers();
      drawnYet = true;
      select(selection.pcode, selection.style);
      // Layers added before the units arrived go on top.
      map.eachLayer(function (l) {
        if (l instanceof L.Path && !l.atlasPcode && l.bringToFront) { l.bringToFront(); }
      });
      fit();
      labels.update();
      refineOnZoom();
      // Leaflet paints its canvas in the next animation frame: only then is the map
      // drawn for the viewer, and for the benchmarks that time it.
      afterCanvasPaint(function () {
        if (destroyed) { return; }
        container.setAttribute("data-atlas-drawn", "1");
        if (hooks.onDrawn) { hooks.onDrawn(); }
      });
    }).catch(function (err) {
      if (destroyed) { return; }
      if (hooks.onDrawn) { hooks.onDrawn(); }  // the rest of the page need not wait
      spinner.remove();
      const note = L.control({position: "topright"});
      note.onAdd = function () { return textBox([cfg.messages.failed, String(err)], "atlas-error"); };
      keep(note.addTo(map));
    });
    const handle = {
      map: map, labels: labels, fit: fit, legend: legendBox, scope: cfg.fit, select: select,
      showView: function (view) {
        userMoved = true;  // the app chose this view: no refit over it
        map.setView([view[0], view[1]], view[2], {animate: false});
      },
      destroy: function () {
        destroyed = true;
        cleanup.splice(0).reverse().forEach(function (undo) { undo(); });
      },
    };
    window.atlas = handle;
    return handle;
  }

  window.AtlasMap = {init: init};
}());

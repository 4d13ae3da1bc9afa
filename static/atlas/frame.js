/*
 * Pilot Atlas map frame: the page's map as a Streamlit component (protocol version 1).
 *
 * The frame keeps one Leaflet map for its whole life. Python (pages/ui/mapframe.py) sends
 * the map's JSON configuration (geo/maps.py) as render arguments; a new configuration
 * (another filter, language or indicator) is redrawn on the same map from the geometry
 * already downloaded and decoded, instead of loading a new document. The frame reports
 * clicks, the view the user chose and that the map is drawn back as the component's value.
 */
(function () {
  "use strict";

  let map = null;
  let handle = null;
  let lastConfig = null;
  let lastScope = null;
  let lastView = null;
  let lastHeight = null;
  let userView = null;
  let value = {};

  function send(type, data) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, data), "*");
  }

  function report(patch) {
    value = Object.assign({}, value, patch);
    send("streamlit:setComponentValue", {value: value, dataType: "json"});
  }

  function createMap(args) {
    map = L.map("map", args.options);
    if (args.tiles) {
      L.tileLayer(args.tiles.url, {attribution: args.tiles.attribution,
        opacity: args.tiles.opacity}).addTo(map);
    }
  }

  /**
   * Call fn once the app's script run has ended. A value sent while the page's first run
   * is still going would start a rerun with widgets the browser has not finished setting
   * up (a range slider then arrives as one number). Streamlit marks its root element with
   * the run state; without it (another version, another origin) fn runs at once.
   */
  function whenRunEnded(fn) {
    let app = null;
    try { app = window.parent.document.querySelector("[data-testid='stApp']"); }
    catch { app = null; }
    const check = function () {
      if (app && app.getAttribute("data-test-script-state") === "running") {
        setTimeout(check, 50);
      } else {
        fn();
      }
    };
    check();
  }

  const hooks = {
    onView: function (view) {
      userView = view;
      report({atlas_view: view});
    },
    onClick: function (latlng) {
      report({last_clicked: {lat: latlng.lat, lng: latlng.lng}});
    },
    // Once per frame: the app renders what stands below the map after the map is drawn.
    onDrawn: function () {
      whenRunEnded(function () {
        if (!value.drawn) { report({drawn: true}); }
      });
    },
  };

  function draw(configText, view) {
    const cfg = JSON.parse(configText);
    if (view) { cfg.view = view; }
    const scope = JSON.stringify(cfg.fit);
    // Same scope (a filter or language change): keep the view the user chose; a new
    // scope (another project, another place) is framed afresh.
    if (scope === lastScope && userView && !cfg.view) {
      cfg.view = userView;
    } else if (scope !== lastScope) {
      userView = null;
    }
    if (handle) { handle.destroy(); }
    handle = window.AtlasMap.init(map, cfg, hooks);
    lastConfig = configText;
    lastScope = scope;
  }

  function render(args) {
    if (args.height !== lastHeight) {
      lastHeight = args.height;
      send("streamlit:setFrameHeight", {height: args.height});
    }
    if (!map) { createMap(args); }
    // A view from the app (a shared link, a searched place) is applied when it changes.
    const viewText = JSON.stringify(args.view || null);
    const newView = viewText !== lastView && args.view ? args.view : null;
    lastView = viewText;
    if (args.config !== lastConfig) {
      draw(args.config, newView);
    } else if (newView) {
      handle.showView(newView);
    }
    handle.select(args.selected || null, args.selectStyle || null);
  }

  window.addEventListener("message", function (event) {
    const data = event.data;
    if (data && data.type === "streamlit:render") { render(data.args); }
  });
  send("streamlit:componentReady", {apiVersion: 1});
}());

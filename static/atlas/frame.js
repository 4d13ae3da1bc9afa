/*
 * Pilot Atlas map frame: the page's map as a Streamlit component (protocol version 1).
 *
 * The frame keeps one Leaflet map for its whole life. Python (pages/ui/mapframe.py) sends
 * the map's JSON configuration (geo/maps.py) as render arguments; a new configuration
 * (another filter, language or indicator) is redrawn on the same map from the geometry
 * already downloaded and decoded, instead of loading a new document. The frame reports
 * clicks and the view the user chose back as the component's value, and on a session's
 * first map page that the map is drawn, then that the page drawn after it is rendered;
 * a run that asks for it (reportDrawn) gets its token back once the map is drawn.
 */
(function () {
  "use strict";

  let map = null;
  let handle = null;
  let lastConfig = null;
  let lastScope = null;
  let lastMode = null;
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

  // How long after a run's end the old drawing's refit waits for a new one (deferRefit).
  const REFIT_DELAY_MS = 250;

  /** Streamlit's root element in the page (null in another origin or version). */
  function appRoot() {
    try { return window.parent.document.querySelector("[data-testid='stApp']"); }
    catch { return null; }
  }

  /** Whether the app's script is running (Streamlit marks its root with the run state). */
  function scriptRunning(app) {
    return Boolean(app) && app.getAttribute("data-test-script-state") === "running";
  }

  /**
   * Call fn once the app's script run has ended. A value sent while the page's first run
   * is still going would start a rerun with widgets the browser has not finished setting
   * up (a range slider then arrives as one number). Without Streamlit's mark (another
   * version, another origin) fn runs at once.
   */
  function whenRunEnded(fn) {
    const app = appRoot();
    const check = function () {
      if (scriptRunning(app)) {
        setTimeout(check, 50);
      } else {
        fn();
      }
    };
    check();
  }

  /**
   * Call fn once the rerun that a report starts has run and its elements are rendered
   * (none still waiting for its code), so the charts and tables the next stage brings
   * do not hold back the widgets. Without Streamlit's marks, or after 5 s, fn runs anyway.
   */
  function whenRerunRendered(fn) {
    const app = appRoot();
    if (!app) { fn(); return; }
    const doc = app.ownerDocument;
    const started = Date.now();
    let ran = false;
    const running = function () { return scriptRunning(app); };
    // A short run can start and end between two polls: watch the mark itself.
    const observer = new MutationObserver(function () { ran = ran || running(); });
    observer.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
    const check = function () {
      ran = ran || running();
      const waiting = doc.querySelector("[data-testid='stSkeleton']");
      if ((ran && !running() && !waiting) || Date.now() - started > 5000) {
        observer.disconnect();
        fn();
      } else {
        setTimeout(check, 50);
      }
    };
    check();
  }

  // The app's stage of a first visit (pages/ui/mapframe.py): 1 = the map alone, so far;
  // 2 = the widgets came with the map drawn; 3 = the whole page, nothing to report.
  let stage = 3;
  // A token the app asked to have back once the map is drawn (its widgets wait for it:
  // pages/ui/mapframe.py, widgets_after_map), else null.
  let reportDrawn = null;

  /** Give the app back the token it asked for (reportDrawn), once per token. */
  function reportAsked() {
    const token = reportDrawn;
    if (token !== null && value.drawnFor !== token) {
      whenRunEnded(function () { report({drawnFor: token}); });
    }
  }

  const hooks = {
    onView: function (view) {
      userView = view;
      report({atlas_view: view});
    },
    // A rerun often resizes the frame (presentation mode, a new layout) and then sends a
    // new drawing, which frames itself. Streamlit renders the run's elements once it has
    // ended, so that drawing arrives up to ~0.2 s after the end: the old drawing's refit
    // waits that long, and is skipped once a new drawing has replaced it.
    deferRefit: function (fn) {
      whenRunEnded(function () { setTimeout(fn, REFIT_DELAY_MS); });
      return true;
    },
    onClick: function (latlng) {
      report({last_clicked: {lat: latlng.lat, lng: latlng.lng}});
    },
    // Once per frame, on a first visit: the app renders the widgets after the map is
    // drawn, and the charts and tables once those are rendered.
    onDrawn: function () {
      reportAsked();
      if (stage >= 3 || value.settled) { return; }
      whenRunEnded(function () {
        if (!value.drawn) { report({drawn: true}); }
        whenRerunRendered(function () {
          if (!value.settled) { report({settled: true}); }
        });
      });
    },
  };

  function draw(configText, view, mode) {
    const cfg = JSON.parse(configText);
    if (view) { cfg.view = view; }
    // Same scope (a filter or language change): keep the view the user chose; a new
    // scope (another project, another place, a presentation's scene or its end) is
    // framed afresh. The frame outlives a switch to presentation mode, and a scene shows
    // what it names, not the view the presenter left.
    const scope = JSON.stringify([cfg.fit, mode]);
    if (scope === lastScope && userView && !cfg.view) {
      cfg.view = userView;
    } else if (scope !== lastScope) {
      userView = null;
    }
    if (handle) { handle.destroy(); }
    handle = window.AtlasMap.init(map, cfg, hooks);
    lastConfig = configText;
    lastScope = scope;
    lastMode = mode;
  }

  function render(args) {
    stage = args.stage || 3;
    reportDrawn = args.reportDrawn === undefined ? null : args.reportDrawn;
    if (args.height !== lastHeight) {
      lastHeight = args.height;
      send("streamlit:setFrameHeight", {height: args.height});
    }
    if (!map) { createMap(args); }
    // A view from the app (a shared link, a searched place) is applied when it changes.
    const viewText = JSON.stringify(args.view || null);
    const newView = viewText !== lastView && args.view ? args.view : null;
    lastView = viewText;
    const mode = args.mode || "";
    if (args.config !== lastConfig || mode !== lastMode) {
      draw(args.config, newView, mode);
    } else {
      if (newView) { handle.showView(newView); }
      // Nothing new to draw: a map already drawn answers at once.
      if (map.getContainer().hasAttribute("data-atlas-drawn")) { reportAsked(); }
    }
    handle.select(args.selected || null, args.selectStyle || null);
  }

  window.addEventListener("message", function (event) {
    const data = event.data;
    if (data && data.type === "streamlit:render") { render(data.args); }
  });
  send("streamlit:componentReady", {apiVersion: 1});
}());

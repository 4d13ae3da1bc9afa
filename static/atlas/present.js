/*
 * Presentation keys on the app's own page: ← / → change scenes and Esc leaves, whatever
 * holds the focus (see pages/ui/presentation.py).
 *
 * The scene bar's buttons carry Streamlit shortcuts, but Streamlit's key handler ignores
 * keys typed into an <input>: after a choice from the scene list its search box keeps the
 * focus and the arrows would move the caret instead. This listener runs first (capture
 * phase on window), presses the bar's button itself and stops the key there, so a key
 * changes the scene exactly once. The map's frame forwards its keys to the same buttons
 * (static/atlas/map.js).
 */
(function () {
  "use strict";

  if (window.AtlasPresent) { return; }  // loaded once per page, whatever the reruns

  const BUTTONS = {ArrowLeft: "scene_prev", ArrowRight: "scene_next", Escape: "scene_exit"};

  /** The bar's button for ``key`` in ``doc``, or null outside presentation mode. */
  function buttonFor(doc, key) {
    return BUTTONS[key] ? doc.querySelector(".st-key-" + BUTTONS[key] + " button") : null;
  }

  /** Text the user is typing into, other than the scene list's search box. */
  function typing(target) {
    if (!target || !target.tagName) { return false; }
    if (target.isContentEditable || target.tagName === "TEXTAREA") { return true; }
    const kinds = ["text", "search", "number", "email", "password", "url", "tel"];
    return target.tagName === "INPUT" && kinds.indexOf(target.type || "text") >= 0
      && !target.closest(".st-key-scene");
  }

  /**
   * Press the scene bar's button for ``key`` in ``doc``; true if the key belongs to the
   * bar (presentation mode, no modifier, the scene list closed), even if the button is
   * disabled (first or last scene).
   */
  function press(doc, key, event) {
    const button = buttonFor(doc, key);
    if (!button) { return false; }
    if (event && (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey)) {
      return false;  // Alt+← is the browser's Back
    }
    const list = doc.querySelector(".st-key-scene [aria-expanded='true']");
    if (list) { return false; }  // the open scene list uses the keys itself
    const focused = doc.activeElement;
    if (focused && focused.closest && focused.closest(".st-key-scene")) { focused.blur(); }
    if (!button.disabled) { button.click(); }
    return true;
  }

  window.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || typing(e.target)) { return; }
    if (press(document, e.key, e)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  window.AtlasPresent = {press: press};
}());

/*
 * Installed in every document of a context (add_init_script): notes on the top page's
 * clock when a map frame last marked itself drawn (atlasDrawnAt) and when the sidebar's
 * filter boxes appeared after a page without them (atlasFiltersAt; null while absent),
 * so a test can tell which the browser showed first (read with order_times.js).
 */
(() => {
  const top = window.top;
  const now = () => top.performance.now();
  const filters = "[data-testid='stSidebar'] [data-testid='stMultiSelect']";
  window.addEventListener("DOMContentLoaded", () => {
    new MutationObserver((changes) => {
      if (changes.some((c) => c.type === "attributes" && c.target.hasAttribute("data-atlas-drawn"))) {
        top.atlasDrawnAt = now();
      }
      if (window !== top) { return; }
      if (!document.querySelector(filters)) {
        top.atlasFiltersAt = null;
      } else if (!top.atlasFiltersAt) {
        top.atlasFiltersAt = now();
      }
    }).observe(document, {subtree: true, childList: true, attributes: true,
      attributeFilter: ["data-atlas-drawn"]});
  });
})();

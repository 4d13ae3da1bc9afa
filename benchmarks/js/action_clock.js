/*
 * Run in every document of a benchmark's browser context (add_init_script): notes when
 * the last pointer or key press happened and when a map was last drawn, both on the top
 * page's clock (clocks of different documents may drift apart), at the moment itself: a
 * later evaluate would wait for the page's other work and read a later time.
 */
(() => {
  const top = window.top;
  const now = () => top.performance.now();
  const note = () => { top.atlasInput = now(); };
  ["pointerdown", "keydown"].forEach((t) => window.addEventListener(t, note, true));
  // A frame's first (blank) document is replaced but its window kept: observe the
  // document that fires DOMContentLoaded.
  window.addEventListener("DOMContentLoaded", () => {
    new MutationObserver((changes) => {
      if (changes.some((c) => c.target.hasAttribute("data-atlas-drawn"))) {
        top.atlasDrawn = now();
      }
    }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-atlas-drawn"]});
  });
})();

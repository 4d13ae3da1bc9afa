/* In any frame: forget earlier "drawn" marks, so only a redraw after an action counts. */
() => document.querySelectorAll("[data-atlas-drawn]")
  .forEach((e) => e.removeAttribute("data-atlas-drawn"))

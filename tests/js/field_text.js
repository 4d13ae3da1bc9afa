/* An element: its text and, for each input inside it, the value and the aria-label. */
(el) => el.textContent + " " + [...el.querySelectorAll("input")]
  .map((i) => i.value + " " + (i.getAttribute("aria-label") || "")).join(" ")

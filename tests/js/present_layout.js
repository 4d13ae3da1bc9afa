/*
 * Presentation layout (tests/test_browser_present.py): what scrolls, and where the map's
 * frame (titled frameTitle) stands in the window.
 */
(frameTitle) => {
  const scrolls = [...document.querySelectorAll("*")].filter((e) => {
    const overflow = getComputedStyle(e).overflowY;
    return (overflow === "auto" || overflow === "scroll") && e.scrollHeight > e.clientHeight + 1;
  }).map((e) => e.getAttribute("data-testid") || e.tagName);
  const page = document.scrollingElement;
  if (page.scrollHeight > innerHeight + 1) { scrolls.push("document"); }
  const frame = document.querySelector(`iframe[title="${frameTitle}"]`);
  const box = frame.getBoundingClientRect();
  return {inner: innerHeight, scrolls: scrolls, top: box.top, bottom: box.bottom,
    height: box.height};
}

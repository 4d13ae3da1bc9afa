/* The app's page: the width of the main block's content, without its padding. */
() => {
  const b = document.querySelector("[data-testid=stMainBlockContainer]");
  const s = getComputedStyle(b);
  return b.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
}

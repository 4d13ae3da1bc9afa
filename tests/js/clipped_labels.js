/* The page: texts of shown button and metric labels cut off by their box (Streamlit ends
   them with an ellipsis); a collapsed sidebar's have no width and are not shown. */
() => [...document.querySelectorAll(
  "button [data-testid='stMarkdownContainer'], [data-testid='stMetricLabel'] [data-testid='stMarkdownContainer']")]
  .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
  .map((el) => el.textContent)

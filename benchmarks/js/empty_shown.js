/* The empty Streamlit page (benchmarks/empty_app.py) shows its one line. */
() => [...document.querySelectorAll("[data-testid=\"stMarkdownContainer\"]")]
  .some((e) => e.textContent.includes("Pilot Atlas empty page"))

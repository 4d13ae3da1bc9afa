/* The page's link holds text (a query parameter such as "scene=13"). */
(text) => location.search.includes(text)

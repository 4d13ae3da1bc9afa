/* The page's link no longer holds text (a query parameter such as "present"). */
(text) => !location.search.includes(text)

/* The page's link holds every one of the texts (query parameters such as "v="). */
(parts) => parts.every((p) => location.search.includes(p))

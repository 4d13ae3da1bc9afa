/* The page's link: its query string ("?page=...&scene=..."). */
() => location.search

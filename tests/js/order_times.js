/* Top page: [when a map was last drawn, when the sidebar's filter boxes appeared], on the
   page's clock, null for what has not happened (noted by order_clock.js). */
() => [window.atlasDrawnAt ?? null, window.atlasFiltersAt ?? null]

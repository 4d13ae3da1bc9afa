/* Top page: the sidebar's filter boxes have appeared (noted by order_clock.js). */
() => Boolean(window.atlasFiltersAt)

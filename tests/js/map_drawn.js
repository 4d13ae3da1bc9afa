/* In the map's frame: the map has painted its units (static/atlas/map.js). */
() => Boolean(document.querySelector("[data-atlas-drawn]"))

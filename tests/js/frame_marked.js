/* In the map's frame: the mark left by mark_frame.js is still there. */
() => window.atlasKept === true

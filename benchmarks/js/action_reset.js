/* On the top page: forget the last input and drawn times noted by action_clock.js. */
() => { window.atlasInput = null; window.atlasDrawn = null; }

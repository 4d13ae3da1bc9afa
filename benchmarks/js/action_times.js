/* On the top page: [last input, last drawn] as noted by action_clock.js (ms, or null). */
() => [window.atlasInput, window.atlasDrawn]

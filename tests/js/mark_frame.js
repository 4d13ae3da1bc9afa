/* In the map's frame: leave a mark on its window, which a reloaded frame would not have. */
() => { window.atlasKept = true; }

/* In the map's frame: the Leaflet map's zoom. */
() => window.atlas.map.getZoom()

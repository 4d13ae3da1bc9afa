/* In the naive baseline's frame (benchmarks/naive_app.py): all 973 districts are paths. */
() => document.querySelectorAll("path.leaflet-interactive").length >= 973

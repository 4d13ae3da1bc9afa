/* In the map's frame: how many times the drawing shown has framed its scope (each fit
   re-projects and redraws every unit). */
() => Number(document.querySelector("[data-atlas-fit]").getAttribute("data-atlas-fit"))

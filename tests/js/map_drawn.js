/* Any frame: a Pilot Atlas map there has marked itself drawn. */
() => Boolean(document.querySelector("[data-atlas-drawn]"))

/* The app's page: the top of the map's frame (its iframe's title given), in pixels. */
(title) => document.querySelector(`iframe[title="${title}"]`).getBoundingClientRect().top

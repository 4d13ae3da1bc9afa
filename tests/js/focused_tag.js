/* The page: the tag name of the element that has the keyboard focus. */
() => document.activeElement.tagName

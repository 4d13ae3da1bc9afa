/* Any frame: the text it shows ("" before its body exists). */
() => (document.body ? document.body.innerText : "")

// Stylelint for the app's own CSS (static/atlas, static/page, static/export): the recommended rules
// catch what a browser would silently drop (unknown properties, invalid colours, rules
// that override themselves), without imposing a formatting style.
export default {
  extends: ["stylelint-config-recommended"],
};

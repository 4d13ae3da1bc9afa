"""The shared sidebar: language, page, presentation switch, filters, basemap, share link."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from geo.boundaries import province_names
from geo.i18n import t
from geo.institutions import institutions
from geo.names import name_key
from geo.registry import Registry
from geo.state import PAGES, to_params
from pages.ui.context import (
    INSTITUTION_KEYS,
    Context,
    clear_filters,
    phase_options,
    session_view_state,
)

# Material icons ship with Streamlit's frontend, so they render offline (emoji need a system font).
PAGE_ICONS = {
    "overview": ":material/map:",
    "project": ":material/push_pin:",
    "indicators": ":material/bar_chart:",
    "data": ":material/table_view:",
    "manage": ":material/upload_file:",
    "place": ":material/location_city:",
    "matrix": ":material/grid_on:",
}


#: Widgets whose option labels depend on the language. Streamlit keeps a choice as its
#: shown label, so after a language switch the browser would still hold the old label,
#: match no option and show nothing selected; re-asserting each value once (before any
#: widget is drawn) makes Streamlit send the choice again under its new label.
LANGUAGE_BOUND_KEYS = (
    "page",
    "f_project",
    "f_phase",
    "f_province",
    "f_status",
    "project_page",
    "indicator",
    "ind_series",
    "ind_mode",
    "ind_year",
    "ind_range",
    "ind_need_choice",
    "scheme",
    "classes",
)


#: Every widget key the sidebar holds.
SIDEBAR_KEYS = (
    "lang",
    "page",
    "present",
    "f_project",
    "f_phase",
    "f_province",
    "f_status",
    *INSTITUTION_KEYS.values(),
    "basemap",
    "ind_regions",
)


#: Session key: the last run left the sidebar's widgets out (:func:`leave_sidebar_out`).
LEFT_OUT_KEY = "sidebar_left_out"


def _set_sidebar_values() -> None:
    """Set each sidebar widget's value to itself, through session state."""
    ss = st.session_state
    for key in SIDEBAR_KEYS:
        if key in ss:
            ss[key] = ss[key]


def leave_sidebar_out() -> None:
    """This run does not draw the sidebar's widgets; keep their values for the run that does.

    A presentation hides the sidebar, so its widgets are not drawn at all (re-rendering
    seven filter boxes nobody sees cost about 0.1 s of the switch into presentation
    mode, benchmarks/actions.py), and a map page may draw its map before them (``app.py``).
    Streamlit forgets the value of a widget a run does not draw, unless the value was set
    through session state: setting each to itself keeps the language, page, filters and
    switches. :func:`sidebar` sets them once more when it draws the widgets again.
    """
    _set_sidebar_values()
    st.session_state[LEFT_OUT_KEY] = True


def keep_choices_on_language_switch() -> None:
    """``on_change`` of the language radio: keep page, project, indicator, scheme, classes."""
    ss = st.session_state
    for key in LANGUAGE_BOUND_KEYS:
        if key in ss:
            ss[key] = ss[key]


def sidebar(ctx: Context) -> None:
    """Shared sidebar: language, page, presentation, filters, basemap, share link.

    It is drawn after the page: its values are already in session state (from the URL
    on a first run, from the widgets on reruns), and the map reaches the browser sooner.
    """
    registry = ctx.registry
    ss = st.session_state
    if ss.pop(LEFT_OUT_KEY, False):
        # New widgets in the browser show their defaults, and send them back on the next
        # run, unless this run sets their values through session state.
        _set_sidebar_values()
    with st.sidebar:
        st.radio(
            "Dil / Language",
            options=["tr", "en"],
            format_func=lambda v: {"tr": "Türkçe", "en": "English"}[v],
            key="lang",
            horizontal=True,
            on_change=keep_choices_on_language_switch,
        )
        lang = ss["lang"]
        st.radio(
            t("navigation", lang),
            options=list(PAGES),
            format_func=lambda p: f"{PAGE_ICONS[p]} {t('page_' + p, lang)}",
            key="page",
        )
        st.toggle(t("present", lang), key="present", help=t("present_help", lang))
        st.subheader(t("filters", lang))
        project_options = list(registry.projects)
        st.multiselect(
            t("filter_project", lang),
            project_options,
            format_func=lambda p: registry.projects[p].short(lang),
            key="f_project",
            placeholder=t("all", lang),
        )
        phases = phase_options(registry, ss["f_project"])
        st.multiselect(
            t("filter_phase", lang),
            list(phases),
            format_func=lambda p: _phase_label(registry, p, lang),
            key="f_phase",
            placeholder=t("all", lang),
        )
        provinces = province_names()
        st.multiselect(
            t("filter_province", lang),
            list(provinces),
            format_func=provinces.__getitem__,
            key="f_province",
            placeholder=t("all", lang),
        )
        statuses = list(registry.vocabulary["statuses"])
        st.multiselect(
            t("filter_status", lang),
            statuses,
            format_func=lambda s: registry.status_label(s, lang),
            key="f_status",
            placeholder=t("all", lang),
        )
        institution_filters(registry, lang)
        st.button(t("clear_filters", lang), on_click=clear_filters, width="stretch")
        st.toggle(t("basemap", lang), key="basemap", help=t("basemap_help", lang))
        # One switch for every map and its PNG/HTML/PDF exports (``regions=1``).
        st.toggle(t("ind_regions_overlay", lang), key="ind_regions", help=t("regions_help", lang))
        share_link(lang)
        st.caption(f"{t('app_title', lang)} — {t('app_subtitle', lang)}")


def sidebar_title(lang: str) -> None:
    """The sidebar while a first visit's map is drawn: the app's name, so the page's
    width does not jump when the widgets follow."""
    with st.sidebar:
        st.markdown(f"**{t('app_title', lang)}**")
        st.caption(t("app_subtitle", lang))


def institution_filters(registry: Registry, lang: str) -> None:
    """Implementer, funder and beneficiary filters; names as ``projects.yaml`` gives them."""
    for role, key in INSTITUTION_KEYS.items():
        names = institutions(registry, role)
        st.multiselect(
            t(f"filter_{role}", lang),
            sorted(names, key=lambda i, n=names: name_key(n[i][lang])),
            format_func=lambda i, n=names: n[i][lang],
            key=key,
            placeholder=t("all", lang),
        )


def _phase_label(registry: Registry, phase_id: str, lang: str) -> str:
    for project in registry.projects.values():
        for phase in project.phases:
            if phase.id == phase_id:
                return phase.label(lang)
    return phase_id


def share_link(lang: str) -> None:
    """The current view's full link in a code box (its copy button copies it)."""
    query = urlencode(to_params(session_view_state()), safe=",")
    try:
        base = str(st.context.url or "").split("?")[0]
    except Exception:  # no browser context (tests, bare mode)
        base = ""
    link = f"{base}?{query}" if query else (base or "?")
    # In a popover: the code box (with its copy button) is only built when opened.
    with st.popover(t("copy_link", lang), icon=":material/link:", width="stretch"):
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("copy_link_help", lang))

"""The floor the first-visit benchmark compares against (not part of the product).

A one-line Streamlit page: whatever it costs a fresh browser to show this is Streamlit's
own boot (HTML, its JavaScript bundle, the websocket, one script run), which no app can
undercut. The benchmark waits for the text below to appear.
"""

import streamlit as st

st.write("Pilot Atlas empty page")

/* The app's page: no script run going (Streamlit's status widget is gone). */
() => !document.querySelector("[data-testid=stStatusWidget]")

"""Streamlit-side helpers shared by the pages: scenario state, caching, rendering.

The model lives in ``brechas_core``; this package only binds it to widgets and the URL.
"""

import streamlit as st

st.title("Goodwill Tour Map")

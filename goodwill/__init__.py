"""Domain logic of the Goodwill Tour Map; free of Streamlit so it can be tested and reused."""

// The page's language (the lang attribute of the html element) set to the reader's:
// Streamlit's page says "en" whatever the app's language, so a screen reader would read
// the Spanish page with English rules. The script element that runs this names the
// language in its data-lang attribute (ui/language.py); the source's English words keep
// their own lang="en".
document.documentElement.lang = document.currentScript.dataset.lang;

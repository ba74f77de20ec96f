"""What importing the map's modules does, each time in a fresh interpreter (in the test
process they are imported already)."""

import subprocess
import sys
from pathlib import Path


def fresh_python(code: str) -> str:
    """What ``code`` prints, run by a new interpreter in the repository."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    ).stdout.strip()


def test_importing_the_map_changes_no_shared_jinja_environment():
    changed = fresh_python(
        """
import branca.element, folium, folium.template, jinja2
shared = {
    "jinja2": jinja2.Template("").environment,
    "branca": branca.element.Template("").environment,
    "folium": folium.template.Template("").environment,
    "folium.GeoJson": folium.GeoJson._template.environment,
}
before = {name: dict(environment.policies) for name, environment in shared.items()}
import goodwill.map.assembly, goodwill.map.data, goodwill.map.elements, goodwill.map.style
import goodwill.map.template, goodwill.exports
print(",".join(name for name, env in shared.items() if env.policies != before[name]))
"""
    )
    assert changed == ""


def test_the_timeline_and_the_maps_cached_data_load_without_folium():
    # The timeline takes the map's palette; the app caches the map's data.
    code = "import sys, goodwill.timeline, goodwill.map.data; print('folium' in sys.modules)"
    assert fresh_python(code) == "False"

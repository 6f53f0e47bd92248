"""The bench's server: the production settings, with the two baseline pages added to the
URLs (bench/urls.py) and their template directory. Nothing else differs, so the product's
list and the baselines are served by the same stack in the same run."""

from emenscr.settings.production import *  # noqa: F403
from emenscr.settings.production import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

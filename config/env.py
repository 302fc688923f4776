"""The one place where settings read the environment."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer may keep a local .env; production sets real environment variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

from django.contrib.staticfiles.apps import StaticFilesConfig


class StaticFiles(StaticFilesConfig):
    """collectstatic without the npm package trees that libraries ship in their static
    folders (viewflow's Roboto font): their CSS names files the package left out, and the
    production storage, which fingerprints every file a stylesheet names, refuses them."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "node_modules"]

"""The province-scale benchmark (`manage.py province_bench`, `make bench`): synthetic data
written in bulk, then measured through the real pages, services and queries."""

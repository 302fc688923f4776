"""The benchmarks (`make bench`, scripts/bench.sh): the audit chain (`manage.py audit_bench`),
the province (`manage.py province_bench`: synthetic data written in bulk, then measured
through the real pages, services and queries) and the papers and Excel import
(`manage.py documents_bench`). Each runs on a scratch database only.

It sits on top of the domain apps; no domain app imports it.
"""

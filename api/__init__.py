"""The REST API (Django REST framework), the interface layer for scripts and other systems:
/api/v1/ with its OpenAPI schema and docs, one module per part (accounts, audit, councils,
nominations), what every endpoint shares (`base`: error body, pagination, throttles) and the
Idempotency-Key record of API writes.

It may import everything below it (core, accounts, councils, nominations, workflow, audit) and
nothing imports it but the URL configuration and the settings, by dotted path; it never imports
config.
"""

"""A CSRF failure view for the tests: its answer cannot be mistaken for any other 403."""

from django.http import HttpResponseForbidden

MARKER = "csrf-refused-by-middleware"


def view(request, reason=""):
    return HttpResponseForbidden(MARKER)

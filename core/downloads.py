"""A generated file sent as a download, its name (Vietnamese letters too) in the header."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from audit.paging import event_page
from audit.web.exports import audit_export
from audit.web.forms import AuditSearchForm
from councils.selectors import auditor_scope, may_audit
from workflow.audit_trail import audit_search, event_rows, nomination_timeline

PAGE_SIZE = 50


def _auditor(request: HttpRequest) -> set[int] | None:
    if not may_audit(request.user):
        raise Http404
    return auditor_scope(request.user)


@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """A dossier's history, for its auditors and for whoever works on it (404 to others)."""
    nomination, entries = nomination_timeline(user=request.user, nomination_id=pk)
    return render(request, "audit/timeline.html", {"nomination": nomination, "entries": entries})


def _search(request: HttpRequest):
    form = AuditSearchForm(request.GET or None, scope=_auditor(request))
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    return form, filters, audit_search(request.user, **filters)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form, _filters, events = _search(request)
    page = event_page(
        events, after=request.GET.get("after"), before=request.GET.get("before"), size=PAGE_SIZE
    )
    query = request.GET.copy()
    for mark in ("after", "before"):
        query.pop(mark, None)
    context = {
        "form": form,
        "page": page,
        "rows": event_rows(page.events),
        "query": query.urlencode(),
    }
    return render(request, "audit/search.html", context)


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    form, filters, events = _search(request)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest("Điều kiện tra cứu không hợp lệ.".encode())
    printable = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in filters.items()}
    content, filename, content_type = audit_export(
        user=request.user, events=events, fmt=fmt, filters=printable
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""The chairman's pages: the decisions queue (one or many into a decision) and delegations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from core.downloads import attachment
from core.errors import ApplicationError, InvalidInput
from councils.models import AgendaItem, Authority, Delegation, Meeting, Membership
from councils.roles import chaired_authorities, deciding_authorities, may_decide
from councils.selectors import meeting_for_minutes
from councils.services import delegation_grant, delegation_revoke
from councils.web.forms import DelegationForm
from nominations.documents.blanks import printers_for
from nominations.documents.contexts import printed_here
from nominations.documents.services import (
    document_request,
    document_sign,
    may_generate,
    signing_options,
)
from nominations.models import Decision, GeneratedDocument, Nomination
from nominations.payments import prize_payments
from nominations.selectors import LIST_RELATED, decision_lines, decision_rules_for, prizes_on
from nominations.spreadsheets import XLSX, decision_xlsx, prize_payments_xlsx
from nominations.web.forms import ActionForm
from workflow import services as workflow_services
from workflow.permissions import signing_capacity
from workflow.selectors import nomination_get_for_user, nominations_visible_to


def _deciding_authorities(user: User) -> list[Authority]:
    return list(Authority.objects.filter(pk__in=deciding_authorities(user)))


def _council_results(nominations: list[Nomination]) -> dict[int, AgendaItem]:
    """Each nomination's latest counted vote, with its meeting (for the minutes): one query."""
    items = (
        AgendaItem.objects.filter(nomination__in=nominations, meeting__state=Meeting.State.CLOSED)
        .exclude(result=AgendaItem.Result.NOT_VOTED)
        .select_related("meeting")
        .order_by("nomination_id", "-meeting__held_on", "-pk")
    )
    latest: dict[int, AgendaItem] = {}
    for item in items:
        latest.setdefault(item.nomination_id, item)
    return latest


@login_required
def decisions_queue(request: HttpRequest) -> HttpResponse:
    """What waits on the chairman: the awards this authority decides (tick, number, date,
    confirm) and, apart, those a higher level decides (forwarded from each dossier)."""
    authorities = _deciding_authorities(request.user)
    if not authorities:
        raise Http404
    today = clock.today()
    waiting = list(
        Nomination.objects.filter(
            current_authority__in=authorities, state=Nomination.State.AWAITING_DECISION
        )
        .select_related(*LIST_RELATED)
        .order_by("pk")
    )
    rules = decision_rules_for(waiting, today)
    decided_here = [
        n for n in waiting if rules[n.pk] is None or rules[n.pk].level == n.current_authority.level
    ]
    above = [n for n in waiting if n not in decided_here]
    form = ActionForm(request.POST or None)
    chosen = [n for n in decided_here if str(n.pk) in request.POST.getlist("nomination")]
    # The prize on the date typed (the decision's), else on today.
    typed = form.cleaned_data.get("issued_on") if form.is_bound and form.is_valid() else None
    prizes = prizes_on(decided_here, typed or today)
    if request.method == "POST" and form.is_valid():
        number, issued_on = form.cleaned_data["number"], form.cleaned_data["issued_on"]
        if request.POST.get("confirmed") != "yes" and chosen and number and issued_on:
            total = sum(prizes.get(n.pk) or 0 for n in chosen)
            context = {"chosen": chosen, "prizes": prizes, "total": total, "form": form}
            return render(request, "nominations/decisions_confirm.html", context)
        try:
            decision = workflow_services.nominations_approve(
                nominations=chosen, actor=request.user, number=number, issued_on=issued_on
            )
        except ApplicationError as refusal:
            messages.error(request, f"{refusal.message} {'; '.join(refusal.reasons)}".strip())
        else:
            messages.success(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Đã ban hành quyết định %(n)s cho %(k)d hồ sơ; ban hành văn bản ở trang"
                      " quyết định.") % {"n": decision.number, "k": len(chosen)},
                    reverse("nominations:decision", args=[decision.pk]),
                    _("Mở quyết định"),
                ),
            )  # fmt: skip
            return redirect("nominations:decisions")
    chosen_ids = set(request.POST.getlist("nomination"))  # kept ticked after a refusal
    capacities = [
        (authority, Decision.SigningCapacity(signing_capacity(request.user, authority)).label)
        for authority in authorities
    ]
    return render(
        request,
        "nominations/decisions.html",
        {
            "waiting": decided_here,
            "above": above,
            "levels": {n.pk: Authority.Level(rules[n.pk].level).label for n in above},
            "results": _council_results(waiting),
            "prizes": prizes,
            "form": form,
            "chosen_ids": chosen_ids,
            "capacities": capacities,
        },
    )


@login_required
def delegations(request: HttpRequest) -> HttpResponse:
    chaired = sorted(chaired_authorities(request.user))
    if not chaired:
        raise Http404
    authority = Authority.objects.get(pk=chaired[0])
    vice_chairmen = User.objects.filter(
        memberships__in=Membership.objects.active_on(clock.today()).filter(
            authority=authority, role=Membership.Role.VICE_CHAIRMAN
        )
    ).distinct()
    form = DelegationForm(request.POST or None, vice_chairmen=vice_chairmen)
    if request.method == "POST":
        try:
            if request.POST.get("revoke"):
                delegation = Delegation.objects.filter(
                    pk=request.POST["revoke"], authority=authority
                ).first()
                if delegation is None:
                    raise Http404
                delegation_revoke(delegation=delegation, actor=request.user)
            elif form.is_valid():
                delegation_grant(authority=authority, chairman=request.user, **form.cleaned_data)
            else:
                raise InvalidInput(_("Thông tin ủy quyền chưa hợp lệ."))
        except ApplicationError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("nominations:delegations")
    return render(
        request,
        "nominations/delegations.html",
        {
            "authority": authority,
            "form": form,
            "delegations": Delegation.objects.filter(authority=authority).select_related(
                "delegate"
            ),
        },
    )


def visible_decision(user: User, pk: int) -> Decision:
    """A decision the user sees one of whose nominations, else 404."""
    visible = nominations_visible_to(user)
    found = Decision.objects.filter(lines__nomination__in=visible).distinct().filter(pk=pk)
    decision = found.select_related("authority", "signer").first()
    if decision is None:
        raise Http404
    return decision


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = visible_decision(request.user, pk)
    if request.method == "POST":
        try:
            document_request(
                kind=request.POST.get("kind", ""), subject=decision, actor=request.user
            )
        except ApplicationError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Đang tạo văn bản; tải lại trang sau ít giây."))
        return redirect("nominations:decision", pk=pk)
    lines = list(decision_lines(decision))
    documents = decision.documents.select_related("created_by", "supersedes").order_by(
        "kind", "-version"
    )
    return render(
        request,
        "nominations/decision.html",
        {
            "decision": decision,
            "lines": lines,
            "payments": prize_payments(lines),
            "documents": documents,
            "kinds": [GeneratedDocument.Kind.DECISION, GeneratedDocument.Kind.CERTIFICATES],
            "may_generate": may_generate(request.user, "decision", decision),
            "certificates": len(printed_here(decision, lines)),  # the lines read above
            "signing": signing_options(allowed=may_decide(request.user, decision.authority)),
            "printers": printers_for(decision.authority),
        },
    )


def _visible_document(user: User, pk: int) -> tuple[GeneratedDocument, str]:
    """A generated paper, for whoever sees what it is about (else 404), with a file stem."""
    document = get_object_or_404(
        GeneratedDocument.objects.select_related("decision__authority", "meeting"), pk=pk
    )
    if document.decision_id:
        visible_decision(user, document.decision_id)
        about = document.decision.number.replace("/", "-")
    elif document.meeting_id:
        meeting_for_minutes(meeting_id=document.meeting_id, user=user)  # 404 if unseen
        about = f"phien-hop-{document.meeting_id}"
    elif document.nomination_id:
        nomination_get_for_user(user, document.nomination_id)  # 404 if unseen
        about = f"ho-so-{document.nomination_id}"
    else:  # a unit's Tờ trình: for whoever sees one of the nominations it lists
        listed = nominations_visible_to(user).filter(
            proposing_unit=document.unit_id, period=document.period_id
        )
        if not listed.exists():
            raise Http404
        about = f"don-vi-{document.unit_id}-dot-{document.period_id}"
    return document, about


@login_required
def document_download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    """A generated paper (pdf, docx, or the signed PDF), for whoever sees what it is about."""
    document, about = _visible_document(request.user, pk)
    stored = {"pdf": document.pdf, "docx": document.docx, "signed": document.signed_pdf}.get(fmt)
    if not stored:
        raise Http404
    content_type = DOCX_TYPE if fmt == "docx" else "application/pdf"
    extension = "pdf" if fmt == "signed" else fmt
    name = f"{document.kind}-{about}-v{document.version}{'-ky-so' if fmt == 'signed' else ''}"
    return FileResponse(
        stored.open("rb"), content_type=content_type, filename=f"{name}.{extension}"
    )


# A PKCS#12 file is a few kilobytes; anything much larger is not one.
PKCS12_MAX_BYTES = 64 * 1024


@login_required
def document_sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign a generated paper: the signer's .p12 file and passphrase (never stored), or the
    PIN of the server's PKCS#11 token."""
    document, _about = _visible_document(request.user, pk)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("accounts:home")
    if request.method != "POST":
        return redirect(back)
    upload = request.FILES.get("pkcs12")
    try:
        if upload is not None and upload.size > PKCS12_MAX_BYTES:
            raise InvalidInput(_("Tệp chữ ký số quá lớn."))
        document_sign(
            document=document,
            actor=request.user,
            pkcs12=upload.read() if upload is not None else None,
            passphrase=request.POST.get("passphrase", ""),
            pin=request.POST.get("pin") if upload is None else None,
        )
    except ApplicationError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Đã ký số văn bản."))
    return redirect(back)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def decision_xlsx_download(request: HttpRequest, pk: int) -> HttpResponse:
    decision = visible_decision(request.user, pk)
    name = f"quyet-dinh-{decision.number.replace('/', '-')}.xlsx"
    return attachment(decision_xlsx(decision), name, XLSX)


@login_required
def prize_payments_download(request: HttpRequest, pk: int) -> HttpResponse:
    decision = visible_decision(request.user, pk)
    name = f"chi-tien-thuong-{decision.number.replace('/', '-')}.xlsx"
    return attachment(prize_payments_xlsx(decision), name, XLSX)

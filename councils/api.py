"""Councils over REST: the authorities and units the caller works in (read-only)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from councils.models import Authority, Unit
from workflow.permissions import role_book
from workflow.selectors import authorities_below


def authorities_of(user) -> set[int] | None:
    """The authorities a caller works in and those below them; None means all."""
    if user.is_superuser:
        return None
    book = role_book(user)
    own = set(book.by_authority) | set(
        Unit.objects.filter(pk__in=book.units).values_list("authority_id", flat=True)
    )
    return authorities_below(own)


class AuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["id", "code", "name", "admin_type", "level", "parent", "runs_system"]


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "kind", "authority", "head_title"]


class AuthorityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AuthoritySerializer
    queryset = Authority.objects.none()

    def get_queryset(self):
        scope = authorities_of(self.request.user)
        found = Authority.objects.order_by("level", "name")
        return found if scope is None else found.filter(pk__in=scope)


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    queryset = Unit.objects.none()
    filterset_fields = ["authority", "kind"]

    def get_queryset(self):
        scope = authorities_of(self.request.user)
        found = Unit.objects.order_by("authority", "name")
        return found if scope is None else found.filter(authority__in=scope)

"""Accounts over REST: a token for scripts and other systems, and who the caller is."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import second_factor
from api.base import ErrorSerializer, InputSerializer
from audit.services import audit_event_record
from core.errors import InvalidInput
from councils.selectors import user_roles_on


class CredentialsSerializer(InputSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=8, required=False, help_text="Mã xác thực hai bước, nếu tài khoản đã bật."
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class RoleSerializer(serializers.Serializer):
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    authority = serializers.IntegerField(source="authority_id")
    authority_name = serializers.CharField(source="authority.name")
    unit = serializers.IntegerField(source="unit_id", allow_null=True)
    unit_name = serializers.CharField(source="unit.name", allow_null=True, default=None)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    roles = RoleSerializer(many=True)


class TokenView(APIView):
    """Exchange a username and password for an API token. Repeated failures lock the username
    out from that address (django-axes, as on the sign-in page: 429 `locked_out`); an account
    with a confirmed TOTP device gives its code as `otp` too."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=CredentialsSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(ErrorSerializer),
            429: OpenApiResponse(ErrorSerializer),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        given = CredentialsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        username = given.validated_data["username"]
        address = request.META.get("REMOTE_ADDR", "")
        # The Django request, not DRF's: django-axes marks a lock-out on it, and its middleware
        # then answers with accounts.web.lockout.lockout_response.
        user = authenticate(
            request._request, username=username, password=given.validated_data["password"]
        )
        if user is None:
            raise InvalidInput(_("Tên đăng nhập hoặc mật khẩu không đúng."))
        device = second_factor.confirmed_device(user)
        if device is not None and not second_factor.verify(
            device, given.validated_data.get("otp", "")
        ):
            second_factor.record_wrong_code(user, request._request)
            raise InvalidInput(_("Cần mã xác thực hai bước đúng (trường otp)."))
        token, _created = Token.objects.get_or_create(user=user)
        audit_event_record(actor=user, action="auth.token", target=user, payload={"ip": address})
        return Response({"token": token.key})


class MeView(APIView):
    @extend_schema(responses={200: MeSerializer, 401: OpenApiResponse(ErrorSerializer)})
    def get(self, request: Request) -> Response:
        user = request.user
        body = {
            "id": user.pk,
            "username": user.username,
            "full_name": user.get_full_name(),
            "roles": user_roles_on(user),
        }
        return Response(MeSerializer(body).data)

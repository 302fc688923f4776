"""Field errors of the API are Vietnamese: DRF's own Vietnamese catalogue has 20 of its 128
messages, locale/vi/LC_MESSAGES/django.po gives the rest (and the few Django validator
messages DRF fields run). English is still there for an English deployment."""

from __future__ import annotations

import pytest
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import translation
from rest_framework import exceptions, fields, relations, serializers

from api.nominations.serializers import NominationCreateSerializer
from nominations.models import Nomination

S = Nomination.State
pytestmark = pytest.mark.django_db
URL = "/api/v1/nominations/"
REQUIRED = "Trường này là bắt buộc."
NUL = "Không được chứa ký tự rỗng (NUL)."


def _new(world, **changes) -> dict:
    return {
        "award_type": "lao-dong-tien-tien",
        "unit": world.unit.pk,
        "period": world.period.pk,
        "nominee": {"kind": "individual", "full_name": "Lê Văn Api", "gender": "male"},
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
        **changes,
    }


def test_missing_fields_are_required_in_vietnamese(as_persona):
    response = as_persona("unit_head").post(URL, {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["fields"]["achievements"] == [REQUIRED]
    for name in ("award_type", "unit", "period", "nominee"):
        assert body["fields"][name] == [REQUIRED], name
    assert not Nomination.objects.exists()


def test_wrong_values_are_explained_in_vietnamese(as_persona, world):
    client = as_persona("unit_head")
    nominee = {"kind": "ca-nhan", "birth_year": "abc", "full_name": "x" * 151}
    bad = {
        "unit": "abc",
        "period": 999999,
        "award_type": "khong-co",
        "nominee": nominee,
        "achievements": "x" * 20001,
        "excellence_confirmed": "có lẽ",
    }
    response = client.post(URL, _new(world, **bad), format="json")
    assert response.status_code == 400
    errors = response.json()["fields"]
    assert errors["unit"] == ["Sai kiểu dữ liệu. Cần giá trị khóa chính, nhận được str."]
    assert errors["period"] == ["Không có đợt thi đua 999999 trong phạm vi của bạn."]
    assert errors["award_type"] == ["Không tồn tại đối tượng có code=khong-co."]
    assert errors["achievements"] == ["Trường này không được quá 20000 ký tự."]
    assert errors["excellence_confirmed"] == ["Phải là giá trị đúng/sai (boolean) hợp lệ."]
    assert errors["nominee"] == {
        "kind": ['"ca-nhan" không phải là lựa chọn hợp lệ.'],
        "birth_year": ["Cần một số nguyên hợp lệ."],
        "full_name": ["Trường này không được quá 150 ký tự."],
    }
    too_old = client.post(
        URL, _new(world, nominee={"kind": "individual", "birth_year": 1800}), format="json"
    )
    assert too_old.json()["fields"]["nominee"]["birth_year"] == [
        "Giá trị này phải lớn hơn hoặc bằng 1900."
    ]
    assert not Nomination.objects.exists()


def test_a_null_character_in_a_reason_is_refused_in_vietnamese(as_persona, world):
    nomination = world.nomination(state=S.SUBMITTED)
    url = f"{URL}{nomination.pk}/actions/return/"
    response = as_persona("standing_office").post(url, {"reason": "Thiếu\x00"}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"reason": [NUL]}
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED


def test_the_api_answers_in_vietnamese_whatever_accept_language_says(as_persona):
    """The API is outside i18n_patterns(prefix_default_language=False): for a path without a
    language prefix LocaleMiddleware activates LANGUAGE_CODE and ignores Accept-Language."""
    response = as_persona("unit_head").post(URL, {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["fields"]["achievements"] == [REQUIRED]
    assert response["Content-Language"] == "vi"


def test_english_still_works(as_persona, world, settings):
    with translation.override("en"):
        given = NominationCreateSerializer(data={"achievements": "x\x00"})
        assert not given.is_valid()
        assert given.errors["unit"] == ["This field is required."]
        assert given.errors["achievements"] == ["Null characters are not allowed."]
    # A deployment whose default language is English answers in English.
    settings.LANGUAGE_CODE = "en"
    response = as_persona("unit_head").post(URL, {}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["achievements"] == ["This field is required."]
    assert response["Content-Language"] == "en"
    nomination = world.nomination(state=S.SUBMITTED)
    refused = as_persona("standing_office").post(
        f"{URL}{nomination.pk}/actions/return/", {"reason": "\x00"}, format="json"
    )
    assert refused.json()["fields"] == {"reason": ["Null characters are not allowed."]}


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def test_every_message_of_drf_fields_and_exceptions_has_a_vietnamese_translation():
    """A DRF upgrade that brings new messages shows here, not as English in an answer."""
    drf_modules = {fields.__name__, relations.__name__, serializers.__name__}
    messages = [ProhibitNullCharactersValidator.message]
    for field_class in _subclasses(fields.Field) | {fields.Field}:
        if field_class.__module__ in drf_modules:
            messages += field_class.default_error_messages.values()
    for exception_class in _subclasses(exceptions.APIException):
        if exception_class.__module__ == exceptions.__name__:
            messages.append(exception_class.default_detail)
    assert len(messages) > 60
    with translation.override("en"):
        english = [str(message) for message in messages]
    with translation.override("vi"):
        vietnamese = [str(message) for message in messages]
    untranslated = [en for en, vi in zip(english, vietnamese, strict=True) if en == vi]
    assert untranslated == []

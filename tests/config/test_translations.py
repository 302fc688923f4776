import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

PO_FILE = Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"


def test_every_vietnamese_string_has_an_english_translation():
    entries = re.findall(r'\nmsgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', PO_FILE.read_text())
    untranslated = [
        msgid for msgid, msgstr in entries if msgid.strip() != '""' and msgstr.strip() == '""'
    ]
    assert len(entries) > 200
    assert untranslated == []
    # makemessages' fuzzy guesses are not compiled: the page would fall back to Vietnamese.
    assert "#, fuzzy" not in PO_FILE.read_text()


def test_the_compiled_catalogue_is_in_use():
    with translation.override("en"):
        assert translation.gettext("Đăng nhập") == "Sign in"
        assert translation.gettext("Chờ Chủ tịch quyết định") == "Awaiting the chairman's decision"
    with translation.override("vi"):
        assert translation.gettext("Đăng nhập") == "Đăng nhập"


@pytest.mark.django_db
def test_the_login_page_speaks_english_under_the_en_prefix(client):
    vietnamese_path = reverse("accounts:login")
    response = client.get("/en" + vietnamese_path)
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()
    assert "Đăng nhập" in client.get(vietnamese_path).content.decode()


@pytest.mark.django_db
def test_the_working_pages_speak_english_under_the_en_prefix(client, world):
    client.force_login(world["standing_office"])
    home = client.get("/en/accounts/").content.decode()
    assert "My tasks" in home
    listing = client.get("/en/nominations/").content.decode()
    assert "Award nominations" in listing
    assert "Hồ sơ đề nghị khen thưởng" not in listing

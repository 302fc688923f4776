import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
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


def _marked_strings() -> set[tuple[str, str]]:
    """(file, text) of every literal marked for translation in the project's Python code."""
    names = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}
    marked = set()
    root = settings.BASE_DIR
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if (
            parts[0].startswith(".venv")
            or parts[0] in {"tests", "node_modules"}
            or "migrations" in parts
        ):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in names
                and node.args
                and isinstance(node.args[-1 if node.func.id.startswith("p") else 0], ast.Constant)
            ):
                text = node.args[-1 if node.func.id.startswith("p") else 0].value
                if isinstance(text, str) and text:
                    marked.add((str(path.relative_to(root)), text))
    return marked


def test_every_marked_string_is_in_the_catalogue():
    """A string marked in the code but never gathered (`make messages`) would show in
    Vietnamese on the English pages; this names it."""
    catalogue = {
        "".join(re.findall(r'"(.*)"', msgid))
        .encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode()
        for msgid in re.findall(r'\nmsgid ((?:".*"\n)+)', PO_FILE.read_text())
    }
    missing = sorted((where, text) for where, text in _marked_strings() if text not in catalogue)
    assert len(_marked_strings()) > 500
    assert missing == []

import pytest
from django.urls import reverse

from councils.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def chairman():
    _province, _district, commune = factories.commune_tree()
    user = factories.user("xa.chutich", full_name="Nguyễn Văn Chủ")
    Membership.objects.create(user=user, role="chairman", authority=commune)
    return user


def test_a_user_signs_in_and_sees_their_roles(client, chairman):
    response = client.post(
        reverse("accounts:login"), {"username": "xa.chutich", "password": "pw"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:home")
    page = response.content.decode()
    assert "Nguyễn Văn Chủ" in page
    assert "Chủ tịch UBND" in page


def test_a_wrong_password_is_refused_in_vietnamese(client, chairman):
    response = client.post(reverse("accounts:login"), {"username": "xa.chutich", "password": "x"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_home_requires_signing_in(client):
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_home_runs_a_fixed_number_of_queries(client, chairman, django_assert_max_num_queries):
    client.force_login(chairman)
    for _ in range(5):
        Membership.objects.create(
            user=chairman, role="auditor", authority=factories.commune_tree()[2]
        )
    with django_assert_max_num_queries(20):
        response = client.get(reverse("accounts:home"))
    assert response.content.decode().count("Thanh tra, kiểm tra") == 5


def test_the_admin_login_page_is_served_in_vietnamese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_sign_in_is_refused_for_a_while_after_five_failures(client, chairman):
    from axes.models import AccessAttempt

    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "xa.chutich", "password": "sai"})
    response = client.post(reverse("accounts:login"), {"username": "xa.chutich", "password": "pw"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    AccessAttempt.objects.all().delete()  # the lock-out ends (axes_reset does the same)
    client.post(reverse("accounts:login"), {"username": "xa.chutich", "password": "pw"})
    assert "_auth_user_id" in client.session

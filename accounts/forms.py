from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.throttle import is_locked


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses to even check the password while the username is locked out from this address."""

    def clean(self):
        username = self.data.get("username", "")
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        if username and is_locked(username, address):
            raise ValidationError(
                _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."), code="locked"
            )
        return super().clean()

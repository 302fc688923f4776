"""Password rules whose messages Django's Vietnamese catalogue lacks."""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimum
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(DjangoMinimum):
    def validate(self, password, user=None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short", params={})

    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {
            "min_length": self.min_length
        }

    def get_help_text(self) -> str:
        return _("Mật khẩu cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

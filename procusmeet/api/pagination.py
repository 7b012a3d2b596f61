import re

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """``?page=2&page_size=50``; answers ``{count, next, previous, results}``.

    A ``page`` that is not a whole number from 1 (or ``last``) is a 400 field error like
    any other bad input; a page past the end stays DRF's 404.
    """

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_number(self, request, paginator):
        number = super().get_page_number(request, paginator)
        # ASCII digits only: str.isdigit() also takes "²" (which int() refuses) and "٣".
        if number in self.last_page_strings or re.fullmatch(r"[1-9][0-9]{0,8}", str(number)):
            return number
        raise ValidationError({self.page_query_param: [_("Use a whole number from 1.")]})

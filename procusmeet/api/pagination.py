import re

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

# ASCII digits only: str.isdigit() also takes "²" (which int() refuses) and "٣".
_WHOLE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


class PagePagination(PageNumberPagination):
    """``?page=2&page_size=50``; answers ``{count, next, previous, results}``.

    ``page`` (a whole number from 1, or ``last``) and ``page_size`` (a whole number from
    1) that are not whole numbers are a 400 naming the field, like any other bad input:
    DRF would quietly use the default size instead, so a client sending ``page_size=abc``
    would page through windows it did not ask for without knowing. A size above 100 is
    taken as 100 (as DRF and GitHub do): the answer's ``next`` link still pages through
    everything. Empty values count as absent (what an HTML form sends). A page past the
    end stays DRF's 404.
    """

    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        self._check_parameters(request)
        return super().paginate_queryset(queryset, request, view=view)

    def _check_parameters(self, request) -> None:
        errors = {}
        page = request.query_params.get(self.page_query_param) or ""
        if page and page not in self.last_page_strings and not _WHOLE_NUMBER.fullmatch(page):
            errors[self.page_query_param] = [_("Use a whole number from 1.")]
        size = request.query_params.get(self.page_size_query_param) or ""
        if size and not _WHOLE_NUMBER.fullmatch(size):
            errors[self.page_size_query_param] = [
                _("Use a whole number from 1 (at most %(max)d are sent).") % {"max": self.max_page_size}
            ]
        if errors:
            raise ValidationError(errors)

    def get_page_size(self, request) -> int:
        size = request.query_params.get(self.page_size_query_param)
        # checked by _check_parameters
        return min(int(size), self.max_page_size) if size else self.page_size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = f"Results per page, 1 to {self.max_page_size}; more is taken as {self.max_page_size}."
        return parameters

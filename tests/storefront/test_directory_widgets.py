"""The directory's filter selects are written out in Python for speed; they must stay
exactly what Django's own ``Select`` templates render, in every state of the form."""

import pytest
from django import forms
from django.utils import translation

from accounts.storefront.forms import DirectoryPageFilterForm
from accounts.storefront.widgets import QuickSelect

SELECTS = ["language", "currency", "sort"]


def _as_django(bound_field) -> str:
    """The same bound field rendered through Django's template-based ``Select``."""
    field = bound_field.field
    original = field.widget
    field.widget = forms.Select(choices=field.choices, attrs=original.attrs)
    try:
        return str(bound_field)
    finally:
        field.widget = original


@pytest.mark.parametrize(
    "data",
    [
        None,  # the empty page
        {},
        {"language": "yo", "currency": "GHS", "sort": "price"},
        {"language": "pcm", "currency": "NGN", "sort": ""},
        {"language": "klingon", "currency": "EUR", "sort": "best"},  # invalid: errors, aria-invalid
    ],
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_filter_selects_render_as_djangos_select(data, language):
    with translation.override(language):
        form = DirectoryPageFilterForm(data)
        if data is not None:
            form.is_valid()
        for name in SELECTS:
            assert isinstance(form.fields[name].widget, QuickSelect)
            written = str(form[name])
            assert written == _as_django(form[name])
            assert written.startswith(f'<select name="{name}"') and f'id="id_{name}"' in written
            assert ('aria-invalid="true"' in written) == bool(form.errors.get(name))


def test_a_label_or_value_with_markup_is_escaped_as_the_template_would():
    choices = [("", "Any"), ('a"b', "<b>bold</b> & co")]
    field = forms.ChoiceField(choices=choices, required=False, widget=QuickSelect)
    written = field.widget.render("x", 'a"b', attrs={"id": "id_x", "aria-invalid": "true", "disabled": True})
    assert written == forms.Select(choices=choices).render("x", 'a"b', attrs={"id": "id_x", "aria-invalid": "true", "disabled": True})
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in written and 'value="a&quot;b" selected' in written


def test_grouped_choices_still_render_through_the_templates():
    choices = [("Africa", [("yo", "Yoruba"), ("zu", "Zulu")]), ("", "Any")]
    written = QuickSelect(choices=choices).render("language", "zu")
    assert written == forms.Select(choices=choices).render("language", "zu")
    assert '<optgroup label="Africa">' in written

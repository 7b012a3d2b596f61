from django import template
from django.utils.html import format_html, format_html_join

from scheduling.timezones import zone_choices

register = template.Library()


@register.simple_tag
def zone_options(selected: str = "UTC"):
    """``<option>``s of every time zone, ``selected`` chosen (the widget's zone picker)."""
    return format_html_join(
        "\n",
        "{}",
        (
            (format_html('<option value="{}"{}>{}</option>', name, " selected" if name == selected else "", name),)
            for name in zone_choices()
        ),
    )

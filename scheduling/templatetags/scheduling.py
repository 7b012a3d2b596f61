from django import template
from django.utils.html import format_html, format_html_join

from scheduling.timezones import zone_aliases, zone_choices

register = template.Library()


@register.simple_tag
def zone_options(selected: str = "UTC"):
    """``<option>``s of every time zone, ``selected`` chosen (the widget's zone picker).
    A zone's legacy names ride along in ``data-aliases``, so the widget's script selects
    "Asia/Kolkata" for a browser that reports "Asia/Calcutta"."""
    aliases = zone_aliases()
    return format_html_join(
        "\n",
        "{}",
        (
            (
                format_html(
                    '<option value="{}"{}{}>{}</option>',
                    name,
                    format_html(' data-aliases="{}"', " ".join(aliases[name])) if name in aliases else "",
                    " selected" if name == selected else "",
                    name,
                ),
            )
            for name in zone_choices()
        ),
    )

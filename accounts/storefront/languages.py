"""Languages an expert can hold a call in, as ISO 639 codes (two letters where one exists) with display names.

Django's own list misses most African languages our experts speak, so the directory
keeps its own short list; the API and the database store the codes.
"""

from django.utils.translation import gettext_lazy as _

LANGUAGES: dict[str, str] = {
    "af": _("Afrikaans"),
    "am": _("Amharic"),
    "ar": _("Arabic"),
    "de": _("German"),
    "ee": _("Ewe"),
    "en": _("English"),
    "es": _("Spanish"),
    "ff": _("Fula"),
    "fr": _("French"),
    "ha": _("Hausa"),
    "hi": _("Hindi"),
    "ig": _("Igbo"),
    "it": _("Italian"),
    "ja": _("Japanese"),
    "ki": _("Kikuyu"),
    "ko": _("Korean"),
    "lg": _("Luganda"),
    "ln": _("Lingala"),
    "nl": _("Dutch"),
    "om": _("Oromo"),
    "pcm": _("Nigerian Pidgin"),
    "pt": _("Portuguese"),
    "ru": _("Russian"),
    "rw": _("Kinyarwanda"),
    "sn": _("Shona"),
    "so": _("Somali"),
    "st": _("Sesotho"),
    "sw": _("Swahili"),
    "tn": _("Setswana"),
    "tr": _("Turkish"),
    "tw": _("Twi"),
    "wo": _("Wolof"),
    "xh": _("Xhosa"),
    "yo": _("Yoruba"),
    "zh": _("Chinese"),
    "zu": _("Zulu"),
}

LANGUAGE_CHOICES = sorted(LANGUAGES.items(), key=lambda item: str(item[1]))


def language_name(code: str) -> str:
    return str(LANGUAGES.get(code, code))

from django.apps import AppConfig


class ProcusmeetConfig(AppConfig):
    name = "procusmeet"
    verbose_name = "ProcusMeet"

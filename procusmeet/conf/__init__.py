"""The parts of ``procusmeet.settings``, one concern a module.

Point DJANGO_SETTINGS_MODULE at ``procusmeet.settings``, never at these: that module
imports every part in order and runs the start-up checks. The parts are split by what
they configure, not by environment: every environment reads the same ones.
"""

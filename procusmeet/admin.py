"""Admin pieces the apps share."""


class ViewOnlyAdmin:
    """Put first in the bases of a ModelAdmin or an inline whose rows change only through
    services (money, audit trails, booking history): staff may look, never add, edit or
    delete here. Actions an admin declares still run, under their own permissions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

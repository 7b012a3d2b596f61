from procusmeet.api.errors import ApplicationError, NotFound


class NotificationNotFound(NotFound):
    code = "notification_not_found"


class PreferencesInvalid(ApplicationError):
    code = "invalid"

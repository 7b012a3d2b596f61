from procusmeet.api.errors import ApplicationError, NotFound


class CalendarNotFound(NotFound):
    code = "calendar_not_found"


class CalendarInvalid(ApplicationError):
    code = "invalid"


class CalendarLimitReached(ApplicationError):
    code = "calendar_limit"

from procusmeet.api.errors import ApplicationError, NotFound


class AvailabilityInvalid(ApplicationError):
    """A weekly range or override that cannot exist (end before start, overlap, …)."""

    code = "availability_invalid"


class RangesOverlap(AvailabilityInvalid):
    code = "ranges_overlap"


class SlotQueryInvalid(ApplicationError):
    code = "invalid"


class WeeklyRangeNotFound(NotFound):
    pass


class OverrideNotFound(NotFound):
    pass


class ExpertNotFound(NotFound):
    pass


class AreaNotFound(NotFound):
    pass

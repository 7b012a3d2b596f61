"""Pages of the directory (the page and the API): each expert on a page gets its next
free slot, and the "available this week" filter is decided exactly, page by page.

The filter's SQL part (``experts_maybe_free_this_week``) is a cheap superset: it cannot
see bookings, time off or the daily limit without running the slot engine, which would
be 10,000 engine runs per request. So the engine decides only for the experts of the
page being shown (batched and cached, ``scheduling.next_slots``), and the ones with no
free start this week leave that page. Consequences, documented for integrators: a page
can hold fewer experts than its size, and ``count`` is the superset's size, an upper
bound, except when everything fits on one page, where every candidate was checked and
the count is exact.
"""

import datetime as dt

from django.core.paginator import Page, Paginator

from accounts.storefront.availability import experts_next_slot_attach, week_end


class DirectoryPaginator(Paginator):
    def __init__(self, object_list, per_page, *, now: dt.datetime, free_this_week: bool = False, **options):
        super().__init__(object_list, per_page, **options)
        self.now = now
        self.free_this_week = free_this_week

    @property
    def count_is_exact(self) -> bool:
        return not self.free_this_week or self.num_pages == 1

    def page(self, number) -> Page:
        page = super().page(number)
        profiles = list(page.object_list)
        experts_next_slot_attach(profiles, now=self.now)
        if self.free_this_week:
            until = week_end(self.now)
            profiles = [profile for profile in profiles if profile.next_slot is not None and profile.next_slot < until]
            if self.num_pages == 1:
                self.count = len(profiles)  # every candidate was on this page and checked
        page.object_list = profiles
        return page

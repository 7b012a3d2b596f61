"""The booking lifecycle (SPEC §3, §5): create and pay, answer, cancel, expire, reschedule.

``services`` (create), ``transitions`` (answers, cancellation, expiry), ``reschedules``
and ``payments`` (escrow reactions) hold every write; ``states`` is the state machine
they all consult; ``selectors`` the reads pages and the API share; ``notify`` the hooks
that tell the other side.
"""

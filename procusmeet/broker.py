"""The local-folder Celery broker of the embedded default (no Redis), made safe to share.

kombu's filesystem transport creates a message file and only then writes into it, while a
consumer takes any ``*.msg`` file it lists: a worker polling at that moment reads an empty
or partial message, and the JSON error stops the worker for good (kombu issue #1551), so
emails, reminders and expiries silently stop under ``make run``. Here a message is written
under a name consumers ignore and renamed into place once complete (a rename is atomic on
one file system), and a file that still cannot be read is set aside with a log line
instead of taking the worker down.
"""

import logging
import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes

logger = logging.getLogger(__name__)


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # A leading dot: consumers only take names of the form "<id>.<queue>.msg".
        partial = os.path.join(self.data_folder_out, f".{name}.part")
        try:
            with open(partial, "wb", buffering=0) as handle:
                handle.write(str_to_bytes(filesystem.dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc

    def _get(self, queue):
        # The parent removes (or archives) each file it takes, so asking again moves on
        # to the next message; it raises Empty when none is left.
        while True:
            try:
                return super()._get(queue)
            except ValueError:
                logger.error("dropped an unreadable message from the local broker queue %s", queue)


class Transport(filesystem.Transport):
    Channel = Channel

    @property
    def default_connection_params(self):
        # A folder has no host: kombu's default of "localhost" only made every process
        # log "No hostname was supplied. Reverting to default 'localhost'" on connecting.
        return {}

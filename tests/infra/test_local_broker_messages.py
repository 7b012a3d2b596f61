"""The local-folder broker of the embedded default (`make run` without Redis): a worker
polling the folder never sees a message half written, and one unreadable file does not
stop it (kombu's own filesystem transport did both: an empty message file killed the
worker with a JSONDecodeError, and emails and reminders stopped for good)."""

from queue import Empty

import pytest
from kombu import Connection
from kombu.transport import filesystem

from procusmeet.conf.background import LOCAL_BROKER_TRANSPORT

QUEUE = "jobs"


@pytest.fixture
def channel(tmp_path):
    folder = tmp_path / "broker"
    (folder / "control").mkdir(parents=True)
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder), "control_folder": str(folder / "control")}
    with Connection("filesystem://", transport=LOCAL_BROKER_TRANSPORT, transport_options=options) as connection:
        yield connection.default_channel


def poll(channel):
    try:
        return channel._get(QUEUE)
    except Empty:
        return None


def test_a_worker_polling_while_a_message_is_written_sees_nothing_until_it_is_whole(channel, monkeypatch):
    seen_while_writing = []
    serialise = filesystem.dumps

    def serialise_while_a_worker_polls(payload):
        seen_while_writing.append(poll(channel))
        return serialise(payload)

    monkeypatch.setattr(filesystem, "dumps", serialise_while_a_worker_polls)
    channel._put(QUEUE, {"task": "send_email"})
    monkeypatch.undo()

    assert seen_while_writing == [None]
    assert poll(channel) == {"task": "send_email"}
    assert poll(channel) is None


def test_an_unreadable_message_file_is_dropped_and_the_next_one_delivered(channel, tmp_path, caplog):
    (tmp_path / "broker" / f"1_0000.{QUEUE}.msg").write_bytes(b"")
    channel._put(QUEUE, {"task": "send_reminder"})

    assert poll(channel) == {"task": "send_reminder"}
    assert poll(channel) is None
    assert "dropped an unreadable message from the local broker queue jobs" in caplog.text


def test_publishing_through_a_connection_pool_logs_no_warning(tmp_path, caplog):
    # Celery publishes through a pool of connections; kombu used to warn "No hostname was
    # supplied" for each, in every process `make run` starts.
    folder = tmp_path / "quiet"
    (folder / "control").mkdir(parents=True)
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder), "control_folder": str(folder / "control")}
    connection = Connection("filesystem://", transport=LOCAL_BROKER_TRANSPORT, transport_options=options)

    with caplog.at_level("WARNING"), connection.Pool(1).acquire() as pooled:
        pooled.SimpleQueue(QUEUE).put({"task": "send_email"})

    assert caplog.records == []

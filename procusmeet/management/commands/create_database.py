"""`make run` with a fresh `DATABASE_URL=postgres://…/name`: create `name` if it is missing."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections


class Command(BaseCommand):
    help = "Create the PostgreSQL database named in DATABASE_URL when it does not exist yet."

    def handle(self, *args, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        if connection.vendor != "postgresql":
            return  # SQLite creates its file on first use
        try:
            connection.ensure_connection()
            return
        except OperationalError as error:
            if "does not exist" not in str(error):
                # For a newcomer whose server is not running: one line, not a traceback.
                settings = connection.settings_dict
                reason = str(error).strip().splitlines()[0]
                raise CommandError(
                    f"PostgreSQL at {settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432} (DATABASE_URL) "
                    f"does not answer: {reason}. Start it, or unset DATABASE_URL to use SQLite."
                ) from None
        name = connection.settings_dict["NAME"]
        # The same server-level connection Django's test runner uses to create databases.
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
        self.stdout.write(self.style.SUCCESS(f"Created PostgreSQL database {name}"))

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.talks.models import Talk
from tests.factories import bulk_talks


def queries_for_1_and_many(client, url, many):
    """(queries with 1 talk, queries with `many`, the last response) for one list URL."""
    counts = []
    for total in (1, many):
        Talk.objects.all().delete()
        bulk_talks(total)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    return counts[0], counts[1], response

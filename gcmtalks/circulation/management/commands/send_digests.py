from django.core.management.base import BaseCommand

from gcmtalks.circulation.services import digests_send, subscriptions_forget_pending


class Command(BaseCommand):
    help = (
        "Queue the weekly digest of new and changed talks for each subscriber (from "
        "DIGEST_WEEKDAY at DIGEST_HOUR, Geneva time; once a week each) and forget requests "
        "never confirmed. Run it every few minutes."
    )

    def handle(self, *args, **options):
        forgotten = subscriptions_forget_pending()
        self.stdout.write(
            f"{digests_send()} digests queued; {forgotten} unconfirmed requests forgotten."
        )

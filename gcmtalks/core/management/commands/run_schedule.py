import signal

from django.core.management.base import BaseCommand

from gcmtalks.core.schedule import SCHEDULE, run_due, run_forever


class Command(BaseCommand):
    help = "Run the periodic commands at their intervals until stopped (SIGTERM or Ctrl-C)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every command once, then stop."
        )

    def handle(self, *args, once=False, **options):
        if once:
            ran = run_due({}, 0.0)
            self.stdout.write(f"Ran {len(ran)} of {len(SCHEDULE)}: {', '.join(ran)}.")
            return
        stopping = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda signum, _frame: stopping.append(signum))
        run_forever(lambda: bool(stopping))

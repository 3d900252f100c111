from django_tasks import task

from .services import registrants_notify_change


@task()
def notify_registrants_of_change(talk_id: int, sequence: int) -> int:
    return registrants_notify_change(talk_id=talk_id, sequence=sequence)

from django_tasks import task

from . import mail
from .services import registrants_notify_change


@task()
def notify_registrants_of_change(talk_id: int, sequence: int) -> int:
    return registrants_notify_change(talk_id=talk_id, sequence=sequence)


@task()
def send_registration_mail(registration_id: int, kind: str, status: str, key: str) -> bool:
    return mail.compose(registration_id=registration_id, kind=kind, status=status, key=key)

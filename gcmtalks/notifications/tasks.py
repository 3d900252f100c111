from django_tasks import task

from .services import mail_deliver


@task()
def deliver_mail(mail_id: int) -> bool:
    return mail_deliver(mail_id=mail_id)

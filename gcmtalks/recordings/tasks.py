from django_tasks import task

from .announce import announce_outcomes


@task()
def announce_outcomes_task(talk_id: int) -> int:
    return announce_outcomes(talk_id=talk_id)

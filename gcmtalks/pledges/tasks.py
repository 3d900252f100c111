from django_tasks import task


@task()
def run_pledge_import(import_id: int) -> str:
    from .services import import_run

    return import_run(import_id=import_id).status

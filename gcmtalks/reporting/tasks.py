from django_tasks import task


@task()
def build_pack(pack_id: int) -> str:
    from .services import pack_build

    return pack_build(pack_id=pack_id).status

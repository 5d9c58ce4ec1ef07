from django_tasks import task


@task()
def bericht_bezorgen(bericht_id: int) -> None:
    # Imported here: services queues this task, so it imports this module.
    from passend.notificaties.services import bericht_bezorgen_nu

    bericht_bezorgen_nu(bericht_id)

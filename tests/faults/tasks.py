import time
from pathlib import Path

from django_tasks import task


@task()
def note_while_held(path: str) -> str:
    """Writes "start", waits while `path`.hold exists, then writes "end": a task to kill in
    the middle."""
    note, hold = Path(path), Path(path + ".hold")
    with note.open("a") as out:
        out.write("start\n")
    while hold.exists():
        time.sleep(0.05)
    with note.open("a") as out:
        out.write("end\n")
    return "done"

"""A stand-in consumer of the "course completed" event (the certificates app will be the real one).
It records each call in the cache so a test, or a worker process, can see it ran."""

from celery import shared_task
from django.core.cache import cache


@shared_task(name="tests.completion_probe")
def completion_probe(completion_id: int) -> None:
    cache.set(
        f"completion-probe-{completion_id}",
        cache.get(f"completion-probe-{completion_id}", 0) + 1,
        600,
    )

from django_tasks import task


@task()
def write_marker(email: str) -> None:
    """Write a row the test can see: proof the worker ran the django-tasks task."""
    from accounts.models import User

    User.objects.create_user(email=email)

from celery import shared_task


@shared_task(name="accounts.account_erase")
def account_erase_task(user_id: int) -> bool:
    from accounts.services import account_erase

    return account_erase(user_id=user_id)

from django import template

register = template.Library()


@register.simple_tag
def saved_answer(saved: dict, question_id: str):
    return saved.get(question_id)


@register.simple_tag
def position(answer, item_id: str) -> str:
    """1-based position of an ordering item in a saved answer, or "" if not placed."""
    if isinstance(answer, list) and item_id in answer:
        return str(answer.index(item_id) + 1)
    return ""


@register.simple_tag
def new_step_key() -> str:
    """A fresh idempotency key for a form posted without JavaScript (lms/offline_steps.py): a
    double tap, or a POST the browser sends again, records the step once. queue.js replaces it
    with a key of its own when it sends the step."""
    import uuid

    return str(uuid.uuid4())

"""Lists in the block editor: a new block opens with as many items as it needs, and every item has
a label. Checked over every block the admin offers, so a new list cannot forget."""

import pytest
from wagtail import blocks

from courses.blocks import HomeSectionBlock, LessonBodyBlock
from courses.questions import QuestionStreamBlock

STREAMS = {"home": HomeSectionBlock, "lesson": LessonBodyBlock, "questions": QuestionStreamBlock}


def list_blocks(block, path=""):
    """Every ListBlock reachable from `block`, with a readable path."""
    if isinstance(block, blocks.ListBlock):
        yield path, block
        yield from list_blocks(block.child_block, path + "[]")
    elif isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
        for name, child in block.child_blocks.items():
            yield from list_blocks(child, f"{path}.{name}")


ALL_LISTS = [
    pytest.param(block, id=f"{stream}{path}")
    for stream, stream_block in STREAMS.items()
    for path, block in list_blocks(stream_block())
]


def test_the_sweep_finds_the_lists_named_in_the_issue():
    ids = {param.id for param in ALL_LISTS}
    assert {"questions.single_choice.options", "lesson.key_takeaways.items"} <= ids


@pytest.mark.parametrize("block", ALL_LISTS)
def test_every_list_item_has_a_label(block):
    assert str(block.child_block.label).strip()


@pytest.mark.parametrize("block", ALL_LISTS)
def test_a_new_list_starts_with_the_items_it_needs(block):
    needed = max(block.meta.min_num or 1, 1)
    assert len(block.get_default()) >= needed


@pytest.mark.parametrize("kind", ["single_choice", "multiple_choice"])
def test_a_new_choice_question_opens_with_two_empty_options(kind):
    question = QuestionStreamBlock().child_blocks[kind]
    options = question.get_default()["options"]
    assert len(options) == 2 and not any(option["text"] for option in options)


def test_a_new_ordering_question_opens_with_two_items():
    # Its clean() needs two items, like the choice questions need two options.
    assert len(QuestionStreamBlock().child_blocks["ordering"].get_default()["items"]) == 2

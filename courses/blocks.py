"""StreamField blocks. Each block has a template and a preview value for the admin."""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock


def list_block(child_block, *, start_with: int | None = None, **kwargs) -> blocks.ListBlock:
    """A ListBlock that a new block opens with as many empty items as it needs, each named.

    Wagtail opens every list with one item, so a new single-choice question showed one option
    and failed on save for want of a second. ``start_with`` defaults to
    ``min_num``. The default is set after construction, so it stays out of the block's
    deconstruction and of migrations.
    """
    block = blocks.ListBlock(child_block, **kwargs)
    count = start_with or block.meta.min_num or 1
    block.meta.default = [block.child_block.get_default() for _ in range(count)]
    field = getattr(block.child_block, "field", None)
    if field is not None and block.child_block.label:
        # Wagtail shows a list item's label as the heading of its panel but leaves the input
        # itself unnamed; a screen reader would announce a bare "edit text".
        field.widget.attrs.setdefault("aria-label", block.child_block.label)
    return block


class FeatureBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, label=_("Heading"))
    text = blocks.TextBlock(max_length=300, label=_("Text"))
    link_text = blocks.CharBlock(max_length=40, required=False, label=_("Link text"))
    link_url = blocks.CharBlock(max_length=200, required=False, label=_("Link URL or path"))

    class Meta:
        icon = "pick"
        template = "courses/blocks/feature.html"
        label = _("Feature")


class FeatureListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=100, label=_("Section heading"))
    features = list_block(FeatureBlock(), min_num=1, max_num=6, label=_("Features"))

    class Meta:
        icon = "list-ul"
        template = "courses/blocks/feature_list.html"
        preview_value = {
            "heading": "Who Isoko is for",
            "features": [
                {"heading": "Entrepreneurs", "text": "Sell coffee, tea and crafts abroad."},
                {"heading": "Policymakers", "text": "Shape a digital economy in cohorts."},
            ],
        }


class TextSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=100, label=_("Heading"))
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("Body"))

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/text_section.html"
        preview_value = {"heading": "About the programme", "body": "<p>Trade online.</p>"}


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=100, label=_("Heading"))
    text = blocks.TextBlock(max_length=300, required=False, label=_("Text"))
    button_text = blocks.CharBlock(max_length=40, label=_("Button text"))
    button_url = blocks.CharBlock(max_length=200, label=_("Button URL or path"))

    class Meta:
        icon = "pick"
        template = "courses/blocks/call_to_action.html"
        preview_value = {
            "heading": "Ready to start?",
            "button_text": "Create your account",
            "button_url": "/accounts/signup/",
        }


class HomeSectionBlock(blocks.StreamBlock):
    features = FeatureListBlock()
    text = TextSectionBlock()
    call_to_action = CallToActionBlock()


# ---------------------------------------------------------------------------------------------
# Lesson blocks
# ---------------------------------------------------------------------------------------------
# Lessons are read on phones over slow, paid links: every block renders plain HTML, images come
# as WebP renditions with a srcset, and video stays a link until the learner asks for it.

LESSON_RICH_TEXT = ["bold", "italic", "link", "document-link", "ul", "ol"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "courses/blocks/heading.html"
        preview_value = {"text": "Why buyers abroad trust a complete profile", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, label=_("Quote"))
    attribution = blocks.CharBlock(max_length=120, required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "courses/blocks/quote.html"
        preview_value = {
            "quote": "Our buyers in Shanghai read the label before they read the price.",
            "attribution": "A coffee cooperative manager in Huye",
        }


class TableBlock(TypedTableBlock):
    text = blocks.CharBlock(label=_("Text"))
    number = blocks.DecimalBlock(label=_("Number"))
    rich_text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Rich text"))

    class Meta:
        icon = "table"
        template = "courses/blocks/table.html"
        preview_value = {
            "caption": "Documents for a coffee export",
            "columns": [
                {"type": "text", "heading": "Document"},
                {"type": "text", "heading": "Who"},
            ],
            "rows": [
                {"values": ["Certificate of origin", "Exporter, through the single window"]},
                {"values": ["Commercial invoice", "Exporter"]},
            ],
        }


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False, label=_("Title"))
    items = list_block(
        blocks.CharBlock(max_length=300, label=_("Checklist item")), min_num=1, label=_("Items")
    )

    class Meta:
        icon = "tasks"
        template = "courses/blocks/checklist.html"
        preview_value = {
            "title": "Before you list",
            "items": ["Your business is registered", "You have a TIN", "Photos are ready"],
        }


class RenditionImageChooserBlock(ImageChooserBlock):
    """An image chooser that loads every image of a page, with its renditions, in two queries.

    Wagtail's chooser loads images with ``in_bulk`` and each ``{% picture %}`` then looks up its
    renditions, one query per image on a cold cache. Prefetching keeps a lesson's query count flat
    however many images it has (asserted in tests/courses/test_query_counts.py).
    """

    def bulk_to_python(self, values):
        images = self.model_class.objects.prefetch_renditions().in_bulk(
            [value for value in values if value is not None]
        )
        return [images.get(value) for value in values]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = RenditionImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250,
        required=False,
        label=_("Alternative text"),
        help_text=_(
            "Describe the image for someone who cannot see it. Leave empty only if the "
            "image is decorative."
        ),
    )
    caption = blocks.CharBlock(max_length=250, required=False, label=_("Caption"))

    def get_preview_value(self):
        # The newest image in the library stands in; with an empty library the preview says so.
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {"image": image, "alt_text": "", "caption": _("An image from your library")}
        )

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"


VIDEO_HOSTS = {
    "www.youtube.com": "youtube",
    "youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}


def video_embed_url(url: str) -> str | None:
    """The privacy-friendly player URL for a YouTube or Vimeo link, or None if not one."""
    parsed = urlparse(url)
    provider = VIDEO_HOSTS.get(parsed.hostname or "")
    if provider == "youtube":
        if parsed.hostname == "youtu.be":
            video_id = parsed.path.strip("/")
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        else:
            video_id = (parse_qs(parsed.query).get("v") or [""])[0]
        if re.fullmatch(r"[A-Za-z0-9_-]{6,20}", video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    if provider == "vimeo":
        video_id = parsed.path.rstrip("/").rsplit("/", 1)[-1]
        if video_id.isdigit():
            return f"https://player.vimeo.com/video/{video_id}"
    return None


class VideoBlock(blocks.StructBlock):
    """A video embed that costs nothing until the learner asks to play it.

    Wagtail's EmbedBlock fetches oEmbed data from the provider when the page renders; here the
    player is built from the URL alone and stays inside a closed ``<details>`` so a phone on a paid
    link downloads no player until the learner opens it. The transcript is required, and an audio
    file or document can stand in for the video.
    """

    title = blocks.CharBlock(max_length=120, label=_("Title"))
    url = blocks.URLBlock(label=_("YouTube or Vimeo URL"))
    duration_minutes = blocks.IntegerBlock(
        min_value=1, max_value=300, required=False, label=_("Length in minutes")
    )
    transcript = blocks.RichTextBlock(features=LESSON_RICH_TEXT, label=_("Transcript"))
    low_bandwidth_alternative = DocumentChooserBlock(
        required=False,
        label=_("Low-bandwidth alternative"),
        help_text=_("An audio file (MP3, M4A, OGG) or a document with the same content."),
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and video_embed_url(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _(
                            "Use a YouTube or Vimeo video link, such as "
                            "https://www.youtube.com/watch?v=…"
                        )
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        document = value.get("low_bandwidth_alternative")
        context["alternative_is_audio"] = bool(
            document and document.file_extension.lower() in AUDIO_EXTENSIONS
        )
        return context

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"
        preview_value = {
            "title": "Cupping a washed Bourbon",
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "duration_minutes": 6,
            "transcript": "<p>We grind the sample, smell the dry fragrance, then add water.</p>",
        }


AUDIO_EXTENSIONS = {"mp3", "m4a", "ogg", "oga", "opus", "wav", "aac"}


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(max_length=250, required=False, label=_("Description"))

    def get_preview_value(self):
        document = get_document_model().objects.order_by("-created_at").first()
        return self.normalize({"document": document, "description": _("A download")})

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("example", _("Example"))],
        default="tip",
        label=_("Kind"),
    )
    title = blocks.CharBlock(max_length=120, required=False, label=_("Title"))
    body = blocks.RichTextBlock(features=LESSON_RICH_TEXT, label=_("Body"))

    class Meta:
        icon = "warning"
        template = "courses/blocks/callout.html"
        preview_value = {
            "kind": "tip",
            "title": "Photograph in daylight",
            "body": "<p>Natural light by a window shows the true colour of the beans.</p>",
        }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    context = blocks.RichTextBlock(features=LESSON_RICH_TEXT, label=_("Context"))
    reflection_question = blocks.TextBlock(max_length=500, label=_("Reflection question"))

    class Meta:
        icon = "user"
        template = "courses/blocks/case_study.html"
        preview_value = {
            "title": "A cooperative in Nyamasheke",
            "context": "<p>The cooperative sold green coffee to one trader.</p>",
            "reflection_question": "What would you need before selling roasted coffee online?",
        }


class KeyTakeawaysBlock(blocks.StructBlock):
    items = list_block(
        blocks.CharBlock(max_length=300, label=_("Takeaway")), min_num=1, label=_("Takeaways")
    )

    class Meta:
        icon = "success"
        template = "courses/blocks/key_takeaways.html"
        preview_value = {"items": ["Register first", "List honestly", "Answer buyers quickly"]}


# The lesson blocks whose markup depends on low-data mode (their templates ask
# ``request|low_data``): a lesson body with none of them is the same in both modes.
LOW_DATA_BLOCKS = frozenset({"image", "video"})


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=LESSON_RICH_TEXT,
        label=_("Rich text"),
        icon="pilcrow",
        template="courses/blocks/paragraph.html",
        preview_value="<p>Buyers abroad cannot taste your coffee before they pay.</p>",
    )
    quote = QuoteBlock()
    table = TableBlock(label=_("Table"))
    checklist = ChecklistBlock()
    image = ImageWithCaptionBlock()
    video = VideoBlock()
    document = DocumentDownloadBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    key_takeaways = KeyTakeawaysBlock()

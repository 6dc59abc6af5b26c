"""StreamField blocks. Each block has a template and a preview value for the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class FeatureBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, label=_("Heading"))
    text = blocks.TextBlock(max_length=300, label=_("Text"))
    link_text = blocks.CharBlock(max_length=40, required=False, label=_("Link text"))
    link_url = blocks.CharBlock(max_length=200, required=False, label=_("Link URL or path"))

    class Meta:
        icon = "pick"
        template = "courses/blocks/feature.html"


class FeatureListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=100, label=_("Section heading"))
    features = blocks.ListBlock(FeatureBlock(), min_num=1, max_num=6)

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

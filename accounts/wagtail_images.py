"""The base of Wagtail's image forms (WAGTAILIMAGES_IMAGE_FORM_BASE): the add form, the
multiple uploader and the chooser's upload all build on it."""

from wagtail.images.forms import BaseImageForm

from core.images import too_many_pixels_message


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Wagtail's own says "too many pixels (unknown number). Maximum pixels 128000000"
            # for a decompression bomb. It is %-formatted with the counts: ours uses none of
            # them, so only a literal % needs escaping.
            message = too_many_pixels_message().replace("%", "%%")
            self.fields["file"].error_messages["file_too_many_pixels"] = message

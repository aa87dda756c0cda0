"""StreamField blocks of the public pages' bodies."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"), max_length=250,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("said by"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "cms/blocks/quote.html"


class FigureBlock(blocks.StructBlock):
    """A live programme figure inside a text: read when the page is shown, never typed in."""

    FIGURES = [
        ("firms_assessed", _("Firms assessed")),
        ("visits_completed", _("On-site visits completed")),
        ("headline_indicator", _("Headline indicator (latest locked value)")),
        ("actions_complete", _("Actions complete")),
    ]
    figure = blocks.ChoiceBlock(label=_("figure"), choices=FIGURES)
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "table"
        label = _("Live figure")
        template = "cms/blocks/figure.html"


def body_blocks():
    return [
        ("heading", blocks.CharBlock(label=_("Heading"), form_classname="title",
                                     template="cms/blocks/heading.html")),
        ("paragraph", blocks.RichTextBlock(
            label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"])),
        ("image", ImageBlock()),
        ("quote", QuoteBlock()),
        ("figure", FigureBlock()),
    ]

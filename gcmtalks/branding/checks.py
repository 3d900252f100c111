"""Start-up checks: the social-media cards need libraqm (Arabic shaping) and fonts for the six
languages."""

from django.core import checks
from PIL import features

from . import fonts


@checks.register()
def card_fonts(app_configs, **kwargs):
    errors = [
        checks.Error(problem, hint="See .ci/run for the font packages.", id="branding.E001")
        for problem in fonts.problems()
    ]
    if not features.check("raqm"):
        errors.append(
            checks.Error(
                "Pillow has no libraqm here: Arabic on the social-media cards would not be "
                "shaped or laid out right to left.",
                hint="Install libraqm0 (Debian) and reinstall Pillow.",
                id="branding.E002",
            )
        )
    return errors

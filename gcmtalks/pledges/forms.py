from django import forms
from django.utils.translation import gettext_lazy as _

from .imports import FIELDS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Export of the pledging dashboard"),
        help_text=_("A CSV file (UTF-8) or an XLSX workbook; its first row names the columns."),
    )


class MappingForm(forms.Form):
    """One choice per column of the file: which of our fields it fills, if any."""

    def __init__(self, *args, header: list[str], mapping: dict, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not imported)"))] + [
            (key, label) for key, (label, _a) in FIELDS.items()
        ]
        for index, name in enumerate(header):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=_("Column %(number)s: “%(name)s”")
                % {"number": index + 1, "name": name or "—"},
                choices=choices,
                required=False,
                initial=mapping.get(str(index), ""),
            )

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if value
        }

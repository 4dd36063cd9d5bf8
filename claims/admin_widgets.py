"""Admin autocomplete widgets that survive a bad submitted id.

Re-rendering a refused form, Django's autocomplete widget looks up the submitted values to show
them as selected; a value that is not an id (":") then makes the query itself fail (a 500).
These widgets keep only values that can be ids before that lookup.
"""

from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple


def _ids_only(values) -> list:
    return [v for v in values if str(v).isdigit() and len(str(v)) <= 18]


class SafeAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _ids_only(value), attr)


class SafeAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _ids_only(value), attr)


class SafeAutocompleteMixin:
    """For ModelAdmin and inlines: autocomplete fields get the safe widgets."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

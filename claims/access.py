"""Who may do what on the desk: role permissions, object-level rules, and the 403 page."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .models import Claim, ReviewState

# What each permission lets a person do, in the words of the 403 page.
PERMISSION_NAMES = {
    "claims.view_claim": "see the editorial desk",
    "claims.add_claim": "record new claims",
    "claims.change_claim": "edit claims",
    "claims.add_claimlink": "link claims",
    "claims.change_claimlink": "change links",
    "claims.delete_claimlink": "remove links",
    "claims.add_evidenceassessment": "judge the evidence",
    "claims.submit_claim": "submit claims for review",
    "claims.publish_claim": "publish, send back or withdraw claims",
    "claims.add_actor": "add speakers",
    "sources.add_document": "add documents",
    "sources.view_document": "read documents on the desk",
}


class Forbidden(PermissionDenied):
    """A refusal that says what the person lacks."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def forbidden(request, exception=None):
    """handler403: a page that says what was refused and why."""
    reason = getattr(exception, "reason", None) or "You do not have permission for this page."
    return render(request, "403.html", {"reason": reason}, status=403)


def require_perm(perm: str):
    """Log in first (anonymous visitors go to the login page), then need ``perm``."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise Forbidden(
                    f"Your account may not {PERMISSION_NAMES.get(perm, perm)}: it lacks the "
                    f"“{permission_label(perm)}” permission, which the "
                    f"{roles_with(perm)} role gives. Ask a reviewer or an administrator."
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def permission_label(perm: str) -> str:
    app_label, codename = perm.split(".", 1)
    found = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).values_list("name", flat=True)
    return next(iter(found), perm)


def roles_with(perm: str) -> str:
    app_label, codename = perm.split(".", 1)
    names = sorted(
        Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        ).group_set.values_list("name", flat=True)
    )
    return " or ".join(names) if names else "staff"


# -- object-level rules -----------------------------------------------------------------------


def can_edit_claim(user, claim: Claim) -> bool:
    """Contributors edit their own drafts; editors any draft or claim in review; reviewers any
    claim that is not withdrawn. Withdrawn claims are a public record and stay as they are."""
    if claim.review_state == ReviewState.WITHDRAWN:
        return False
    if user.has_perm("claims.publish_claim"):
        return True
    if claim.review_state == ReviewState.PUBLISHED:
        return False
    if user.has_perm("claims.change_claim"):
        return True
    return (
        user.has_perm("claims.add_claim")
        and claim.review_state == ReviewState.DRAFT
        and claim.created_by_id == user.pk
    )


def check_can_edit(user, claim: Claim) -> None:
    if not can_edit_claim(user, claim):
        if claim.review_state == ReviewState.WITHDRAWN:
            raise Forbidden("This claim was withdrawn: it is kept as it was, with its note.")
        if claim.review_state == ReviewState.PUBLISHED:
            raise Forbidden("Only a reviewer may change a published claim.")
        raise Forbidden(
            "Contributors may change only their own drafts; this claim needs an editor."
        )


def can_link(user, claim: Claim) -> bool:
    return user.has_perm("claims.add_claimlink") and (
        user.has_perm("claims.change_claimlink") or can_edit_claim(user, claim)
    )


def login_username(request, credentials) -> str:
    """The username django-axes records for a login attempt, fit to store: no control
    characters and at most 150 characters (Django's login form does not enforce its own
    username length, and axes stores the name in a 255-character column)."""
    from .query_text import query_text

    raw = credentials.get("username") if credentials else None
    if raw is None and request is not None:
        raw = request.POST.get("username", "")
    return query_text(str(raw or ""), limit=150)

"""Staff sessions expire after a period without requests."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

KEY = "last_seen"
REFRESH_SECONDS = 60  # write the session at most once a minute, not on every request


@receiver(user_logged_in, dispatch_uid="claims.stamp_login")
def _stamp_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[KEY] = int(time.time())


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session: nothing to expire, and public pages stay free of Vary: Cookie.
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(time.time())
            last = request.session.get(KEY)
            if last is not None and now - last > settings.STAFF_IDLE_TIMEOUT.total_seconds():
                logout(request)
                return redirect(f"{reverse('login')}?next={request.path}&idle=1")
            if last is None or now - last > REFRESH_SECONDS:
                request.session[KEY] = now
        return self.get_response(request)

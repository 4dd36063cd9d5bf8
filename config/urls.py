from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("desk/", include("claims.desk_urls")),
    path("", include("claims.urls")),
]

handler403 = "claims.access.forbidden"


def bare_view(request: HttpRequest) -> HttpResponse:
    """The benchmark's yardstick: the whole middleware stack, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


if settings.BENCH_BARE_VIEW:  # only in `make bench` (BENCH_BARE_VIEW=1), never in production
    urlpatterns.insert(0, path("bench/bare/", bare_view))

"""OpenID Connect: DOT's full URL patterns under /o/ (discovery at /o/.well-known/openid-configuration)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("o/", include("oauth2_provider.urls")),
]

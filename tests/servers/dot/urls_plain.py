"""Plain OAuth 2.0: DOT's base URL patterns under /o/ and nothing at any well-known path."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from oauth2_provider import urls as dot_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("o/", include((dot_urls.base_urlpatterns, dot_urls.app_name), namespace="oauth2_provider")),
]

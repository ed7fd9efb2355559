"""OAuth 2.0 with RFC 8414 metadata: DOT's base URL patterns under /o/, its metadata view at the site root."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from oauth2_provider import urls as dot_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("o/", include((dot_urls.base_urlpatterns, dot_urls.app_name), namespace="oauth2_provider")),
    path("", include((dot_urls.metadata_urlpatterns, dot_urls.app_name), namespace="metadata")),
]

"""Storefront pages under ``/experts/``: the directory, public profiles and the expert's
own profile and services pages (``me/`` is a reserved slug)."""

from django.urls import path

from accounts.storefront import views_manage, views_public

app_name = "experts"

urlpatterns = [
    path("", views_public.directory, name="directory"),
    path("me/edit/", views_manage.profile_edit, name="profile-edit"),
    path("me/photo/", views_manage.photo_upload, name="photo-upload"),
    path("me/photo/remove/", views_manage.photo_remove, name="photo-remove"),
    path("me/services/", views_manage.areas, name="areas"),
    path("me/services/<int:area_id>/", views_manage.area_row, name="area-row"),
    path("me/services/<int:area_id>/edit/", views_manage.area_edit, name="area-edit"),
    path("me/services/<int:area_id>/activate/", views_manage.area_set_active, {"active": True}, name="area-activate"),
    path("me/services/<int:area_id>/deactivate/", views_manage.area_set_active, {"active": False}, name="area-deactivate"),
    path("me/services/<int:area_id>/delete/", views_manage.area_remove, name="area-delete"),
    path("<slug:slug>/", views_public.detail, name="detail"),
]

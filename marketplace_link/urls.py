"""The applicant's pages, mounted at /storefront/ under the language prefix (config/urls.py)."""

from django.urls import path

from marketplace_link.application import product_views, views

app_name = "marketplace_link"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/start/", views.start, name="apply_start"),
    path("apply/details/", views.details, name="apply_details"),
    path("apply/images/", views.images, name="apply_images"),
    path("apply/documents/", views.documents, name="apply_documents"),
    path("apply/documents/<int:pk>/", views.document_download, name="document_download"),
    path("apply/documents/<int:pk>/remove/", views.document_remove, name="apply_document_remove"),
    path("apply/kept/<str:token>/", views.kept_file, name="apply_kept_file"),
    path("apply/products/", product_views.products, name="apply_products"),
    path("apply/products/add/", product_views.product_add, name="apply_product_add"),
    path("apply/products/<int:pk>/edit/", product_views.product_edit, name="apply_product_edit"),
    path(
        "apply/products/<int:pk>/remove/", product_views.product_remove, name="apply_product_remove"
    ),
    path("apply/submit/", views.submit, name="apply_submit"),
]

from django.urls import path

from certificates import views

app_name = "certificates"

# Not language-prefixed: these addresses are printed on certificates and signed into
# credentials, so they must never change. The page language follows the visitor's preference.
urlpatterns = [
    path("verify/", views.lookup, name="lookup"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>/certificate.pdf", views.download, name="download"),
    path("verify/<str:code>/credential.json", views.credential, name="credential"),
    path("credentials/verify/", views.verify_credential, name="verify_credential"),
    path("issuer", views.issuer, name="issuer"),
    path("issuer/keys/<str:key_id>", views.issuer_key, name="issuer_key"),
    path("status/<int:number>", views.status_list, name="status_list"),
]

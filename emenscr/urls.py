from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from orgs import views as org_views
from orgs.forms import ThaiAuthenticationForm, ThaiPasswordChangeForm

from . import views

admin.site.site_header = "ระบบติดตามและประเมินผล eMENSCR กระทรวงแรงงาน"
admin.site.site_title = "ผู้ดูแลระบบ eMENSCR"
admin.site.index_title = "การจัดการข้อมูล"

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=ThaiAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=ThaiPasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/tokens/", org_views.api_tokens, name="api_tokens"),
    path(
        "accounts/tokens/<int:pk>/revoke/", org_views.api_token_revoke_view, name="api_token_revoke"
    ),
    path("units/options/", org_views.unit_options, name="unit_options"),
    path("admin/", admin.site.urls),
    path("projects/", include("projects.urls")),
    path("approvals/", include("approvals.urls")),
    path("api/v1/", include("emenscr.api_urls")),
    path("kpis/", include("kpis.urls")),
    path("memos/", include("memos.urls")),
    # The public portal: no login (opendata.views).
    path("open/", include("opendata.urls")),
    path("", include("reporting.urls")),
    path("", views.home, name="home"),
]

handler404 = "emenscr.views.not_found"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

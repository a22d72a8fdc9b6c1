from django.urls import path

from accounts import user_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        views.AcceptInvitationView.as_view(),
        name="accept-invitation",
    ),
    path("api-token/", views.create_api_token, name="api-token-create"),
    path("api-token/revoke/", views.revoke_api_token, name="api-token-revoke"),
    path("access-log/", views.access_log, name="access-log"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/sent/", views.feedback_sent, name="feedback-sent"),
    path("feedback/responses/", views.feedback_responses, name="feedback-responses"),
]

# The regional admins' users pages (accounts/user_views.py).
urlpatterns += [
    path("users/", user_views.users, name="users"),
    path("users/invite/", user_views.invite, name="user-invite"),
    path("users/invite/check/", user_views.invite_check, name="user-invite-check"),
    path("users/lockouts/", user_views.lockouts, name="user-lockouts"),
    path("users/lockouts/<int:pk>/lift/", user_views.lift_lockout, name="user-lockout-lift"),
    path("users/role-grants/", user_views.role_grants, name="user-role-grants"),
    path("users/<int:pk>/", user_views.user, name="user"),
    path("users/<int:pk>/role/", user_views.change_role, name="user-role"),
    path("users/<int:pk>/role/check/", user_views.change_role_check, name="user-role-check"),
    path("users/<int:pk>/done/", user_views.done, name="user-done"),
    path("users/<int:pk>/account/", user_views.account_status, name="user-status"),
    path("users/<int:pk>/api-token/revoke/", user_views.revoke_token, name="user-token-revoke"),
]

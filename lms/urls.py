from django.urls import include, path

from lms import nudge_views, offline_pack, views

urlpatterns = [
    path("cohorts/", include("lms.cohorts.urls")),
    path("courses/<id:course_id>/enrol/", views.enrol, name="lms_enrol"),
    path("courses/<id:course_id>/withdraw/", views.withdraw, name="lms_withdraw"),
    path("courses/<id:course_id>/continue/", views.continue_course, name="lms_continue"),
    path("courses/<id:course_id>/offline/", offline_pack.course_pack, name="lms_course_offline"),
    path("lessons/<id:lesson_id>/complete/", views.complete_lesson, name="lms_lesson_complete"),
    path("quizzes/<id:quiz_id>/start/", views.start_quiz, name="lms_quiz_start"),
    path("attempts/<uuid:attempt_id>/", views.attempt_page, name="lms_attempt"),
    path("attempts/<uuid:attempt_id>/autosave/", views.attempt_autosave, name="lms_autosave"),
    path("attempts/<uuid:attempt_id>/result/", views.attempt_result, name="lms_attempt_result"),
    path("nudges/unsubscribe/<str:token>/", nudge_views.unsubscribe, name="lms_unsubscribe"),
]

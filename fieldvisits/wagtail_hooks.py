from wagtail import hooks

from fieldvisits.viewsets import FieldStudyViewSetGroup


@hooks.register("register_admin_viewset")
def register_field_study_viewsets():
    return FieldStudyViewSetGroup()

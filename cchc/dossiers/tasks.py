"""Background work of the dossiers app, run by the django-tasks backend configured in settings.TASKS.

The default backend runs a task at once, in the caller's process; a deployment that wants the mail sent
outside the request or command switches settings.TASKS to a queue backend without touching this code.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject: str, text: str, html: str, to: list[str]) -> None:
    """Send one e-mail with a text body and an HTML alternative."""
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.send()

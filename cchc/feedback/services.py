"""Writes for citizens' evaluations and their feedback and petitions (phản ánh, kiến nghị)."""

from __future__ import annotations

# The evaluation of a dossier lives in evaluations.py; imported from here as before.
from .evaluations import evaluation_submit as evaluation_submit

# Feedback and petitions live in petitions.py; imported from here as before.
from .petitions import can_answer as can_answer
from .petitions import feedback_answer as feedback_answer
from .petitions import feedback_receive as feedback_receive

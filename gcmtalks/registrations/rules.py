"""Who may do what with registrations (django-rules; imported by AutodiscoverRulesConfig)."""

import rules

from gcmtalks.talks.rules import organises_talk

# The talk's organisers and the secretariat: the views ask with the talk as the object.
rules.add_perm("registrations.manage_registrants", organises_talk)

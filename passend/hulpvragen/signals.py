from django.dispatch import Signal

# Sent inside the transaction that changes the status, with `statuswijziging`: a receiver that
# writes an outbox row commits or rolls back together with the change (ARCHITECTURE.md rule 5).
status_gewijzigd = Signal()

# Sent inside the transaction that creates a hulpvraag directly in a status the SWV sees (it is
# submitted, not prepared), with `hulpvraag`: the receipt mail commits together with it.
hulpvraag_ingediend = Signal()

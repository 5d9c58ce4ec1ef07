from django.dispatch import Signal

# Sent inside the transaction that changes the status, with `statuswijziging`: a receiver that
# writes an outbox row commits or rolls back together with the change (ARCHITECTURE.md rule 5).
status_gewijzigd = Signal()

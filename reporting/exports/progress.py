"""Progress of a running export, saved on the job every few hundred rows."""

PROGRESS_EVERY = 250


class Progress:
    """Writers say how many rows they expect (`expect`) and count what they wrote (`advance`).

    Each save is one UPDATE outside any transaction, so the job page sees it at once.
    """

    def __init__(self, job_id: int, *, every: int = PROGRESS_EVERY):
        self.job_id = job_id
        self.every = every
        self.total = 0
        self.done = 0
        self._saved = 0

    def expect(self, rows: int) -> None:
        self.total += rows
        self.save()

    def advance(self, rows: int = 1) -> None:
        self.done += rows
        if self.done - self._saved >= self.every:
            self.save()

    def save(self) -> None:
        from reporting.models import ExportJob

        # A writer may meet more rows than it expected (data changed meanwhile).
        ExportJob.objects.filter(pk=self.job_id).update(
            rows_done=self.done, rows_total=max(self.total, self.done)
        )
        self._saved = self.done

"""One refusal type for every domain: something that must change nothing, with the words
to show the person and the HTTP status a view answers with."""


class Refusal(Exception):
    """Raised (or returned by a share rule) when a request must change nothing.

    ``message`` is already translated for the person who asked; ``status`` is what a view
    answers with; ``links`` are (label, url) pairs the share panel shows next to the words
    (the training a rule asks for, for example).
    """

    status = 400

    def __init__(self, message, status=None, *, links=()):
        super().__init__(str(message))
        self.message = message
        if status is not None:
            self.status = status
        self.links = list(links)

    def __repr__(self):
        return f"{type(self).__name__}({str(self.message)!r}, status={self.status})"


class ShareRefused(Refusal):
    """A share that must not be recorded; share rules return one, the endpoint raises it."""

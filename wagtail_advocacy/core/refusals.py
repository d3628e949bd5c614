class ShareRefused(Exception):
    """A share that must not be recorded, with the message to show the employee."""

    def __init__(self, message, status=400):
        super().__init__(str(message))
        self.message = message
        self.status = status

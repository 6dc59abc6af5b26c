class LmsError(Exception):
    """A learner action refused for a reason the learner should read. ``code`` is for tests and
    logs; ``message`` is translated and shown as is."""

    def __init__(self, message, code: str, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.status = status

class ApiProblem(Exception):
    """An answer other than success, with a message and per-field errors."""

    def __init__(self, status: int, detail: str, errors: dict | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or {}

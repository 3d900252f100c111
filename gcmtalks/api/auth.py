from ninja.security import HttpBearer

from gcmtalks.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    """Personal API tokens (`Authorization: Bearer gcmt_…`)."""

    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user

"""Bearer JWT authentication that re-reads the user on every request, so a deactivated
user's access tokens stop working at once (simplejwt refuses inactive users)."""

from rest_framework_simplejwt.authentication import JWTAuthentication


class ActiveUserJWTAuthentication(JWTAuthentication):
    def authenticate_header(self, request):
        return 'Bearer realm="api"'

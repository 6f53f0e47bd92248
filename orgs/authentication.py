"""Django REST framework authentication by personal API token (Authorization: Bearer …)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .tokens import api_token_user


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("รูปแบบ Authorization ไม่ถูกต้อง: ใช้ Bearer <โทเค็น>")
        found = api_token_user(header[1])
        if found is None:
            raise exceptions.AuthenticationFailed("โทเค็นไม่ถูกต้องหรือถูกยกเลิกแล้ว")
        return found

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "orgs.authentication.ApiTokenAuthentication"
    name = "ApiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "โทเค็นส่วนตัวที่สร้างได้ที่หน้า “โทเค็น API” (แสดงครั้งเดียวเมื่อสร้าง)",
        }

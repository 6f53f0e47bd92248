"""Django's password validators with Thai messages.

Django 5.2 has no Thai text for them; each subclass only replaces the
message and the help text (`get_error_message`/`get_help_text`), the checks
are Django's own.
"""

from django.contrib.auth import password_validation as django_validators


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return "รหัสผ่านคล้ายกับ%(verbose_name)sของคุณมากเกินไป"

    def get_help_text(self):
        return "รหัสผ่านต้องไม่คล้ายกับชื่อผู้ใช้ ชื่อ หรืออีเมลของคุณ"


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self):
        return "รหัสผ่านสั้นเกินไป ต้องยาวอย่างน้อย %(min_length)d ตัวอักษร"

    def get_help_text(self):
        return f"รหัสผ่านต้องยาวอย่างน้อย {self.min_length} ตัวอักษร"


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self):
        return "รหัสผ่านนี้ใช้กันทั่วไปและเดาง่าย กรุณาตั้งรหัสผ่านอื่น"

    def get_help_text(self):
        return "รหัสผ่านต้องไม่ใช่รหัสผ่านที่ใช้กันทั่วไป"


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self):
        return "รหัสผ่านเป็นตัวเลขล้วน กรุณาผสมตัวอักษร"

    def get_help_text(self):
        return "รหัสผ่านต้องไม่เป็นตัวเลขล้วน"

from django.core.management.base import BaseCommand

from emenscr.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load demo users (every role, real units) and demo projects; safe to run twice."

    def handle(self, *args, **options):
        users = load_demo()
        self.stdout.write(self.style.SUCCESS("ข้อมูลสาธิตพร้อมแล้ว / demo data ready"))
        self.stdout.write(f"รหัสผ่านของผู้ใช้สาธิตทุกคน / password for every demo user: {DEMO_PASSWORD}")
        for demo in users:
            self.stdout.write(f"  {demo.username:<16} {demo.role.label} ที่ {demo.unit}")

"""Publish everything approved now on the public portal (data approved before it existed)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from opendata.cache import generation_bump
from opendata.publishing import publish_all


class Command(BaseCommand):
    help = "เผยแพร่โครงการและรายงานผลที่อนุมัติแล้วทั้งหมดบนหน้าข้อมูลเปิด (/open/)"

    def handle(self, *args, **options):
        with transaction.atomic():
            projects, reports = publish_all()
            transaction.on_commit(generation_bump)
        self.stdout.write(f"เผยแพร่โครงการ {projects} โครงการ และผลรายไตรมาสของ {reports} โครงการ")

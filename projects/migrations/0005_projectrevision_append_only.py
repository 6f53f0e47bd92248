"""A project's frozen revisions (projects_projectrevision) refuse UPDATE and DELETE."""

from django.db import migrations

from core.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_level3_document_name_and_size")]

    operations = [append_only("projects_projectrevision")]

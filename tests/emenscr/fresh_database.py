"""Run by tests/emenscr/test_load_reference.py in a process of its own, on a new SQLite
file (DATABASE_URL) with `make run`'s settings: migrate, count the reference rows, run
`load_reference`, count again. Prints the two counts as JSON.
"""

import json

import django


def counts() -> dict:
    from approvals.models import Chain, ChainLevel
    from orgs.models import OrgUnit
    from projects.models import PlanNode

    return {
        "units": OrgUnit.objects.count(),
        "plan_nodes": PlanNode.objects.count(),
        "chains": Chain.objects.count(),
        "chain_levels": ChainLevel.objects.count(),
    }


def main() -> None:
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    migrated = counts()
    call_command("load_reference", verbosity=0)
    print(json.dumps({"migrated": migrated, "loaded": counts()}))


if __name__ == "__main__":
    main()

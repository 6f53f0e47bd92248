"""Windows (รอบ): when units may enter and report, and until when, extensions
included. Below `approvals` and `projects`, which ask it whether entry is open;
the deadline steps that need rounds and approvals stay in `reporting`."""

"""Organisation units, officials, the roles they hold at units, and acting for.

Units are data (another ministry loads its own tree). A role held at a unit
covers that unit's whole subtree; `OrgUnit.path` (a materialised path of unit
ids) makes "is X inside Y's subtree" a single indexed prefix test in SQL.
"""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core import clock


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", "กระทรวง"
    CLUSTER = "cluster", "กลุ่มภารกิจ"
    DEPARTMENT = "department", "กรม/ส่วนราชการระดับกรม"
    DIVISION = "division", "กอง/สำนัก/ศูนย์"
    GROUP = "group", "กลุ่มงาน"
    PROVINCE = "province", "สำนักงานส่วนภูมิภาค"


class Cycle(models.TextChoices):
    FISCAL = "fiscal", "ปีงบประมาณ"
    CALENDAR = "calendar", "ปีปฏิทิน"


class OrgUnit(models.Model):
    code = models.CharField("รหัสหน่วยงาน", max_length=32, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="หน่วยงานต้นสังกัด",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField("ประเภท", max_length=16, choices=UnitKind.choices)
    abbr = models.CharField("ชื่อย่อ", max_length=64, blank=True)
    name_th = models.CharField("ชื่อหน่วยงาน", max_length=255)
    doc_code = models.CharField(
        "รหัสหนังสือราชการ",
        max_length=32,
        blank=True,
        help_text="เช่น รง 0209 ใช้สร้างรหัสโครงการ",
    )
    cycle = models.CharField(
        "รอบการวางแผน", max_length=8, choices=Cycle.choices, default=Cycle.FISCAL
    )
    head_title = models.CharField(
        "ตำแหน่งหัวหน้าหน่วยงาน",
        max_length=255,
        blank=True,
        help_text="ตำแหน่งที่หนังสือเรียนถึง เช่น ผู้ตรวจสอบภายในกระทรวง; ว่าง = ตามชื่อหน่วยงาน "
        "(อธิบดีกรม… เลขาธิการสำนักงาน… ผู้อำนวยการ…)",
    )
    phone = models.CharField(
        "โทรศัพท์", max_length=64, blank=True, help_text="พิมพ์ในหนังสือที่หน่วยงานออก เช่น 0 2232 1403"
    )
    sort_order = models.PositiveIntegerField("ลำดับ", default=0)
    is_active = models.BooleanField("ใช้งาน", default=True)
    source = models.CharField("แหล่งข้อมูล", max_length=255, blank=True)
    # Materialised path "/0000001/0000005/0000023/": maintained by save(); see the module
    # docstring. Fixed-width ids make the path's text order the tree's order.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = "หน่วยงาน"
        verbose_name_plural = "หน่วยงาน"

    def __str__(self):
        return self.abbr or self.name_th

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        expected = f"{self.parent.path if self.parent_id else '/'}{path_segment(self.pk)}"
        if self.path != expected:
            rebuild_paths(OrgUnit)
            self.refresh_from_db(fields=["path", "depth"])

    def clean(self):
        if self.parent_id and self.pk and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": "หน่วยงานต้นสังกัดต้องไม่อยู่ใต้หน่วยงานนี้เอง"})

    @property
    def head_position(self) -> str:
        """The position a letter to this unit is addressed to (seed 001: อธิบดีกรม…,
        เลขาธิการ…, ผู้อำนวยการ…): `head_title`, else one read from the unit's name."""
        if self.head_title:
            return self.head_title
        name = self.name_th
        if self.kind == UnitKind.MINISTRY:
            return f"รัฐมนตรีว่าการ{name}"
        if name.startswith("สำนักงานปลัดกระทรวง"):
            return name.removeprefix("สำนักงาน")
        if name.startswith("กรม"):
            return f"อธิบดี{name}"
        if self.kind == UnitKind.DEPARTMENT and name.startswith("สำนักงาน"):
            return f"เลขาธิการ{name}"
        return f"ผู้อำนวยการ{name}"

    @property
    def display_name(self) -> str:
        return f"{self.name_th} ({self.abbr})" if self.abbr else self.name_th

    @property
    def ancestor_ids(self) -> list[int]:
        """The ids of the unit's ancestors from the root down, and its own last."""
        return path_ids(self.path)

    def ancestors(self, *, include_self: bool = True):
        ids = self.ancestor_ids if include_self else self.ancestor_ids[:-1]
        return OrgUnit.objects.filter(pk__in=ids).order_by("depth")

    def descendants(self, *, include_self: bool = True):
        qs = OrgUnit.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def ancestor_of_kind(self, kind: str):
        return self.ancestors().filter(kind=kind).order_by("-depth").first()

    def is_within(self, other: "OrgUnit") -> bool:
        return self.path.startswith(other.path)


def path_segment(pk: int) -> str:
    """One unit's part of a path: its id padded to a fixed width, then a slash."""
    return f"{pk:07d}/"


def path_ids(path: str) -> list[int]:
    """The unit ids on a materialised path, from the root down: "/0000001/0000005/" → [1, 5]."""
    return [int(part) for part in path.split("/") if part]


def ancestor_paths(path: str) -> list[str]:
    """The paths of a unit's ancestors from the root down, and its own last."""
    width = len(path_segment(0))
    return [path[: end + 1] for end in range(width, len(path), width)]


def rebuild_paths(unit_model) -> int:
    """Recompute every unit's materialised path from the parent links.

    Takes the model class so data migrations can pass their historical model.
    A few thousand units load in one query; returns how many rows changed.
    """
    units = {u.pk: u for u in unit_model.objects.only("pk", "parent_id", "path", "depth")}
    children: dict[int | None, list] = {}
    for unit in units.values():
        children.setdefault(unit.parent_id, []).append(unit)
    changed, stack = [], [(u, "/") for u in children.get(None, [])]
    while stack:
        unit, prefix = stack.pop()
        path = f"{prefix}{path_segment(unit.pk)}"
        depth = path.count("/") - 2
        if (unit.path, unit.depth) != (path, depth):
            unit.path, unit.depth = path, depth
            changed.append(unit)
        stack.extend((child, path) for child in children.get(unit.pk, []))
    unit_model.objects.bulk_update(changed, ["path", "depth"], batch_size=500)
    return len(changed)


class User(AbstractUser):
    """An official. Thai names: first_name/last_name hold ชื่อ/นามสกุล."""

    title = models.CharField("คำนำหน้า", max_length=32, blank=True)
    position = models.CharField("ตำแหน่ง", max_length=255, blank=True)
    phone = models.CharField("โทรศัพท์", max_length=64, blank=True)
    home_unit = models.ForeignKey(
        OrgUnit,
        verbose_name="สังกัด",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )

    class Meta:
        verbose_name = "ผู้ใช้"
        verbose_name_plural = "ผู้ใช้"

    def __str__(self):
        return self.full_name or self.username

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}".strip()


class Role(models.TextChoices):
    STAFF = "staff", "เจ้าหน้าที่ผู้นำเข้าข้อมูล"
    DIVISION_DIRECTOR = "division_director", "ผู้อำนวยการกอง/สำนัก/ศูนย์"
    DEPARTMENT_HEAD = "department_head", "อธิบดี/เลขาธิการ"
    PYP_OFFICER = "pyp_officer", "เจ้าหน้าที่กลุ่ม ป.ย.ป."
    CLUSTER_HEAD = "cluster_head", "รองปลัดกระทรวง หัวหน้ากลุ่มภารกิจ"
    PERMANENT_SECRETARY = "permanent_secretary", "ปลัดกระทรวงแรงงาน"
    ADMIN = "admin", "ผู้ดูแลระบบ"


# Who enters a unit's data (projects, level-3 plans, reports, KPI results) and sends it
# up: its staff and its director.
ENTRY_ROLES = (Role.STAFF, Role.DIVISION_DIRECTOR)


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, *, on=None):
        on = on or clock.today()  # the one clock, as every rule
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        )


class RoleAssignment(models.Model):
    """A role held at a unit; it covers the unit and everything below it."""

    user = models.ForeignKey(
        User, verbose_name="ผู้ใช้", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField("บทบาท", max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="ที่หน่วยงาน",
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    valid_from = models.DateField("ตั้งแต่วันที่", null=True, blank=True)
    valid_until = models.DateField("ถึงวันที่", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "บทบาทที่หน่วยงาน"
        verbose_name_plural = "บทบาทที่หน่วยงาน"
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_role_at_unit"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="role_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} ที่ {self.unit}"


class ActingKind(models.TextChoices):
    ACTING = "acting", "ผู้รักษาราชการแทน"
    ON_BEHALF = "on_behalf", "ปฏิบัติราชการแทน"


class DelegationQuerySet(models.QuerySet):
    def active(self, *, on=None):
        on = on or clock.today()  # the one clock, as every rule
        return self.filter(starts_on__lte=on, ends_on__gte=on, revoked_at__isnull=True)


class Delegation(models.Model):
    """One official acts for another in one of the other's roles for a period.

    While active, the delegate may do what the assignment allows, and every
    record they make says for whom they acted (the approval trail's
    `acting_for`).
    """

    assignment = models.ForeignKey(
        RoleAssignment,
        verbose_name="บทบาทที่มอบ",
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    delegate = models.ForeignKey(
        User, verbose_name="ผู้ได้รับมอบ", on_delete=models.CASCADE, related_name="delegations_received"
    )
    kind = models.CharField("ลักษณะ", max_length=16, choices=ActingKind.choices)
    starts_on = models.DateField("ตั้งแต่วันที่")
    ends_on = models.DateField("ถึงวันที่")
    reference = models.CharField("คำสั่ง/หนังสืออ้างอิง", max_length=255, blank=True)
    created_by = models.ForeignKey(
        User, verbose_name="ผู้บันทึก", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField("ยกเลิกเมื่อ", null=True, blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = "การรักษาราชการแทน/ปฏิบัติราชการแทน"
        verbose_name_plural = "การรักษาราชการแทน/ปฏิบัติราชการแทน"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="delegation_period_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.delegate} {self.get_kind_display()} {self.assignment.user}"

    def clean(self):
        if self.assignment_id and self.delegate_id == self.assignment.user_id:
            raise ValidationError({"delegate": "ไม่สามารถมอบให้ตนเองรักษาราชการแทนได้"})


class ApiToken(models.Model):
    """A personal API token: the user names it, sees it once, and may revoke it.

    Only a SHA-256 hash of the secret is kept; `prefix` (the first characters)
    lets the user tell tokens apart. A token acts with its owner's roles.
    """

    user = models.ForeignKey(
        User, verbose_name="ผู้ใช้", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("ชื่อโทเค็น", max_length=100)
    prefix = models.CharField("ขึ้นต้นด้วย", max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    last_used_at = models.DateTimeField("ใช้ล่าสุด", null=True, blank=True)
    revoked_at = models.DateTimeField("ยกเลิกเมื่อ", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "โทเค็น API"
        verbose_name_plural = "โทเค็น API"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def unit_labels(codes) -> dict[str, str]:
    """Unit code → what officials call the unit (its abbreviation, else its name), for
    lists that keep codes (frozen figures outlive renames); one query."""
    return {
        code: abbr or name
        for code, abbr, name in OrgUnit.objects.filter(code__in=set(codes)).values_list(
            "code", "abbr", "name_th"
        )
    }

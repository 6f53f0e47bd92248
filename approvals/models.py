"""The M7 engine's records: chains as data, one approval per item revision,
and the append-only trail of transitions.

Modelled on Wagtail's workflows (a state row per item, transitions recorded
with actor and comment) and django-oscar's status changes. Only
`approvals.services` creates transitions and changes statuses.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from core import clock
from orgs.models import OrgUnit, Role, UnitKind


class ItemStatus(models.TextChoices):
    """The status an approvable item shows (projects, reports, plans)."""

    DRAFT = "draft", "ร่าง"
    SUBMITTED = "submitted", "อยู่ระหว่างการอนุมัติ"
    RETURNED = "returned", "ส่งกลับแก้ไข"
    APPROVED = "approved", "อนุมัติแล้ว"


class ApprovableItem(models.Model):
    """What every item that climbs the chain has: a project entry, a quarterly
    report, a level-3 plan, an annual report. `status` and `revision` are
    written only by approvals.services."""

    status = models.CharField(
        "สถานะ",
        max_length=16,
        choices=ItemStatus.choices,
        default=ItemStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    revision = models.PositiveIntegerField("ฉบับที่", default=1, editable=False)
    # When the item first got past the step it was sent to (its unit's own M7 step), in
    # any revision: the trail's moment, kept on the item so that rates read no trail.
    first_passed_at = models.DateTimeField("ผ่านขั้นแรกเมื่อ", null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Chain(models.Model):
    """The approval chain of one ministry (the root unit of its tree)."""

    name = models.CharField("ชื่อสายการอนุมัติ", max_length=255)
    root_unit = models.OneToOneField(
        OrgUnit, verbose_name="กระทรวง", on_delete=models.PROTECT, related_name="approval_chain"
    )

    class Meta:
        verbose_name = "สายการอนุมัติ"
        verbose_name_plural = "สายการอนุมัติ"

    def __str__(self):
        return self.name


class ChainLevel(models.Model):
    """One step of a chain: who acts (a role covering the item's unit) and how.

    The step applies to an item whose unit lies under a unit of
    `approver_unit_kind` (a department's own items have no division director).

    `skip_for_units`: items of these units' subtrees pass over this step (the
    department head's step for divisions of สป.รง., whose head is the
    Permanent Secretary).
    """

    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="levels")
    order = models.PositiveSmallIntegerField("ลำดับ")
    name_th = models.CharField("ชื่อขั้นตอน", max_length=255)
    role = models.CharField("บทบาทผู้พิจารณา", max_length=32, choices=Role.choices)
    approver_unit_kind = models.CharField(
        "ระดับหน่วยงานของผู้พิจารณา",
        max_length=16,
        choices=UnitKind.choices,
        blank=True,
        help_text="ใช้ขั้นตอนนี้เฉพาะรายการที่อยู่ใต้หน่วยงานระดับนี้ (เว้นว่าง = ทุกรายการ)",
    )
    is_check = models.BooleanField(
        "เป็นการตรวจสอบ (มีรายการตรวจ)",
        default=False,
        help_text="ขั้นตอนตรวจสอบความถูกต้องของกลุ่ม ป.ย.ป.",
    )
    skip_for_units = models.ManyToManyField(
        OrgUnit, verbose_name="ข้ามขั้นตอนนี้สำหรับหน่วยงาน", blank=True, related_name="+"
    )

    class Meta:
        ordering = ["chain", "order"]
        verbose_name = "ขั้นตอนการอนุมัติ"
        verbose_name_plural = "ขั้นตอนการอนุมัติ"
        constraints = [
            models.UniqueConstraint(fields=["chain", "order"], name="unique_chain_level_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.name_th}"


class Approval(models.Model):
    """One revision of one item on its way up the chain."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    revision = models.PositiveIntegerField("ฉบับที่", default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="หน่วยงาน", on_delete=models.PROTECT, related_name="approvals"
    )
    chain = models.ForeignKey(Chain, on_delete=models.PROTECT, related_name="approvals")
    window = models.ForeignKey(
        "windows.Window",
        verbose_name="รอบ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approvals",
    )
    status = models.CharField(
        "สถานะ",
        max_length=16,
        choices=ItemStatus.choices,
        default=ItemStatus.DRAFT,
        db_index=True,
    )
    current_level = models.ForeignKey(
        ChainLevel,
        verbose_name="รอพิจารณาที่",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("ส่งเมื่อ", null=True, blank=True)
    finished_at = models.DateTimeField("อนุมัติครบเมื่อ", null=True, blank=True)
    is_late = models.BooleanField("เกินกำหนด", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "รายการอนุมัติ"
        verbose_name_plural = "รายการอนุมัติ"
        indexes = [
            models.Index(fields=["status", "current_level"]),
            models.Index(fields=["content_type", "object_id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "revision"], name="unique_approval_revision"
            ),
        ]

    def __str__(self):
        return f"{self.content_type.name} #{self.object_id} ฉบับที่ {self.revision}"


class Action(models.TextChoices):
    SUBMIT = "submit", "ส่งขออนุมัติ"
    WITHDRAW = "withdraw", "ดึงกลับ"
    APPROVE = "approve", "อนุมัติ"
    CHECK = "check", "ตรวจสอบผ่าน"
    RETURN = "return", "ส่งกลับแก้ไข"
    IMPORT = "import", "นำเข้าข้อมูลที่อนุมัติแล้ว"


class TransitionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The approval trail is append-only.")

    def delete(self):
        raise TypeError("The approval trail is append-only.")


class Transition(models.Model):
    """An append-only audit row: who moved which approval from where to where."""

    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="transitions")
    action = models.CharField("การดำเนินการ", max_length=16, choices=Action.choices)
    from_status = models.CharField(max_length=16, choices=ItemStatus.choices)
    to_status = models.CharField(max_length=16, choices=ItemStatus.choices)
    from_level = models.ForeignKey(
        ChainLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_level = models.ForeignKey(
        ChainLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้ดำเนินการ",
        on_delete=models.PROTECT,
        related_name="+",
    )
    acting_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ปฏิบัติแทน",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acting_kind = models.CharField("ลักษณะการปฏิบัติแทน", max_length=16, blank=True)
    comment = models.TextField("หมายเหตุ/เหตุผล", blank=True)
    checklist = models.JSONField("รายการตรวจสอบ", default=dict, blank=True)
    # The one clock's moment of the move (core.clock, as the engine's `step_record` passes
    # it), so the trail and the deadlines it is judged against tell the same time.
    created_at = models.DateTimeField("เมื่อ", default=clock.now, editable=False, db_index=True)

    objects = TransitionQuerySet.as_manager()

    class Meta:
        ordering = ["approval", "created_at", "pk"]
        verbose_name = "ประวัติการอนุมัติ"
        verbose_name_plural = "ประวัติการอนุมัติ"

    def __str__(self):
        return f"{self.get_action_display()} {self.from_status}→{self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The approval trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The approval trail is append-only.")


class Notification(models.Model):
    """An in-app notice, also e-mailed; `dedupe_key` makes senders idempotent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("ประเภท", max_length=32)
    title = models.CharField("เรื่อง", max_length=255)
    body = models.TextField("ข้อความ", blank=True)
    url = models.CharField("ลิงก์", max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("อ่านเมื่อ", null=True, blank=True)
    emailed_at = models.DateTimeField("ส่งอีเมลเมื่อ", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "การแจ้งเตือน"
        verbose_name_plural = "การแจ้งเตือน"

    def __str__(self):
        return self.title


class ItemRevisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("A frozen revision is never changed.")


class ItemRevision(models.Model):
    """A frozen copy of an approved revision of an item (labelled JSON), never edited.

    Written when an item is approved and, for items approved before this
    record existed, when an edit opens the next revision; so the approved
    version stays readable, and "what changed" needs no old rows.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField("ฉบับที่")
    content = models.JSONField("ข้อมูล")
    approved_at = models.DateTimeField("อนุมัติเมื่อ", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ItemRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "-number"]
        verbose_name = "ฉบับที่อนุมัติแล้ว"
        verbose_name_plural = "ฉบับที่อนุมัติแล้ว"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"], name="unique_item_revision"
            ),
        ]

    def __str__(self):
        return f"{self.content_type.name} #{self.object_id} ฉบับที่ {self.number}"

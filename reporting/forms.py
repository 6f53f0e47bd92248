from django import forms

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์สมุดงานโครงการ (.xlsx)", help_text="ชีต projects และ progress ตามรูปแบบแลกเปลี่ยนข้อมูล"
    )
    dry_run = forms.BooleanField(label="ตรวจสอบอย่างเดียว ยังไม่บันทึก", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("ไฟล์ต้องเป็น Excel นามสกุล .xlsx")
        if upload.size > MAX_WORKBOOK_BYTES:
            raise forms.ValidationError("ไฟล์ใหญ่เกิน ๒๐ MB กรุณาแบ่งไฟล์")
        return upload

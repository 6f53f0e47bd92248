"""Official memos (บันทึกข้อความ): drafted from live figures, edited, issued as PDF.

- `models`: the memo, its running numbers and the letterhead emblem;
- `paragraphs`: the numbering of sections and sub-items (๑. ๑.๑ ๒.๑.๑ ๑) (๑) -);
- `builders`: one per kind of memo, turning the figures into a first draft;
- `services`: draft, edit, refresh, issue (numbered, frozen, never changed again);
- `pdf`: the official layout rendered by WeasyPrint with the Sarabun font.
"""

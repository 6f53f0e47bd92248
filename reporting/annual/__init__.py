"""Annual achievement reports of level-3 plans (รายงานผลสัมฤทธิ์แผนระดับที่ ๓), seed 001."""

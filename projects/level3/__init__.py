"""Level-3 plans (แผนระดับที่ ๓): entry, plan documents, linkage, sharing, M7."""

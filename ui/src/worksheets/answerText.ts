import type { Field } from "../bindings/Field";

/** An answer as a person reads it: labels rather than option ids, lists one per line. */
export function answerText(field: Field, value: string | number | string[] | undefined): string {
  if (value === undefined || value === "") return "";
  const label = (id: string) =>
    "options" in field ? (field.options.find((o) => o.id === id)?.label ?? id) : id;
  switch (field.kind) {
    case "shortText":
    case "longText":
      return String(value);
    case "scale":
      return `${value} of ${field.max}`;
    case "choice":
      return label(String(value));
    case "checklist":
    case "list":
      return (value as string[]).map(label).join("\n");
    case "ranking":
      return (value as string[]).map((id, i) => `${i + 1}. ${label(id)}`).join("\n");
  }
}

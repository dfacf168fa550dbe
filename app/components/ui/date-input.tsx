// GOV.UK date input: day, month and year boxes in a fieldset, and — for a date that needs one —
// a time box. The day box carries the field's id, so an error-summary link lands on it; the
// time box has its own id (`<name>-time`) and error, because it is answered separately.
import { ErrorMessage } from "./error-summary.tsx";

export interface DateValue {
  day: string;
  month: string;
  year: string;
  time: string;
}

interface Props {
  /** The field ("votingCloseAt"): inputs are posted as `<name>.day`, `.month`, `.year`, `.time`. */
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  value: DateValue;
  labels: { day: string; month: string; year: string; time: string };
  /** Shown when the date has a time box. */
  time?: { hint: string; error?: string };
}

export function DateInput({ name, legend, hint, error, value, labels, time }: Props) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const box = (part: "day" | "month" | "year", width: string) => {
    const id = part === "day" ? name : `${name}-${part}`;
    return (
      <div className="mr-5 inline-block">
        <label htmlFor={id} className="mb-1 block">
          {labels[part]}
        </label>
        <input
          id={id}
          name={`${name}.${part}`}
          inputMode="numeric"
          defaultValue={value[part]}
          aria-invalid={error ? true : undefined}
          className={`h-10 border-2 ${error ? "border-error" : "border-input"} px-1 ${width}`}
        />
      </div>
    );
  };
  const timeId = `${name}-time`;
  return (
    <div className={`mb-6 ${error || time?.error ? "border-l-[5px] border-error pl-4" : ""}`}>
      <fieldset role="group" aria-describedby={describedBy}>
        <legend className="mb-2 font-bold">{legend}</legend>
        {hint ? (
          <div id={`${name}-hint`} className="mb-3 text-secondary">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage>
        <div className="flex flex-wrap items-end">
          {box("day", "w-[5.5ex]")}
          {box("month", "w-[5.5ex]")}
          {box("year", "w-[9ex]")}
        </div>
        {time ? (
          <div className="mt-4">
            <label htmlFor={timeId} className="mb-1 block">
              {labels.time}
            </label>
            <div id={`${timeId}-hint`} className="mb-2 text-secondary">
              {time.hint}
            </div>
            <ErrorMessage id={`${timeId}-error`}>{time.error}</ErrorMessage>
            <input
              id={timeId}
              name={`${name}.time`}
              defaultValue={value.time}
              aria-describedby={[`${timeId}-hint`, time.error ? `${timeId}-error` : null].filter(Boolean).join(" ")}
              aria-invalid={time.error ? true : undefined}
              className={`h-10 w-[9ex] border-2 ${time.error ? "border-error" : "border-input"} px-1`}
            />
          </div>
        ) : null}
      </fieldset>
    </div>
  );
}

// GOV.UK radios and checkboxes: a fieldset with a legend, one input per option.
import { ErrorMessage } from "./error-summary.tsx";

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

interface Props {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: Choice[];
  /** Checked values. */
  value?: string | string[];
  legendIsPageHeading?: boolean;
}

function Choices({ type, name, legend, hint, error, options, value, legendIsPageHeading }: Props & { type: "radio" | "checkbox" }) {
  const checked = new Set(Array.isArray(value) ? value : value ? [value] : []);
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-[5px] border-error pl-4" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className={legendIsPageHeading ? "mb-3 text-[2rem] font-bold sm:text-5xl" : "mb-2 font-bold"}>
          {legendIsPageHeading ? <h1 className="mb-0">{legend}</h1> : legend}
        </legend>
        {hint ? (
          <div id={`${name}-hint`} className="mb-3 text-secondary">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage>
        {options.map((option, index) => {
          // The first option carries the field's id, so the error summary link focuses it.
          const id = index === 0 ? name : `${name}-${index + 1}`;
          return (
            <div key={option.value} className="relative mb-3 flex items-start gap-3">
              <input
                id={id}
                type={type}
                name={name}
                value={option.value}
                defaultChecked={checked.has(option.value)}
                aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                className="mt-0.5 size-8 shrink-0 cursor-pointer accent-ink"
              />
              <div>
                <label htmlFor={id} className="block cursor-pointer pt-1">
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={`${id}-item-hint`} className="text-secondary">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function Radios(props: Props) {
  return <Choices type="radio" {...props} />;
}

export function Checkboxes(props: Props) {
  return <Choices type="checkbox" {...props} />;
}

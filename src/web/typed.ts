/**
 * Reading what a person typed into a number field, and, when it is not a plain number, a
 * message that quotes what was typed and says how to fix it ("£41,000: type 41000").
 *
 * @module
 */

/** A typed value read: the number, or why it is not one and how to fix it. */
export type Typed = { readonly value: number } | { readonly message: string };

/** What the field expects, for the message. */
export interface TypedField {
  /** A proportion or probability (between 0 and 1). */
  readonly proportion?: boolean;
  /** A whole number (schools, years). */
  readonly integer?: boolean;
}

/** A number as a person would type it: no separators, at most 6 significant digits. */
const plain = (x: number) => String(Number(x.toPrecision(6)));

/**
 * Reads a typed number. Plain numbers (`41000`, `0.28`, `1e3`) are read as they are; anything
 * else gets a message quoting it and saying what to type instead: money with £ or commas, a
 * percentage, or a percentage typed for a proportion.
 *
 * @example
 * ```ts
 * readTyped("£41,000", {}); // { message: "£41,000: type 41000 (digits only, without a currency sign or commas)" }
 * readTyped("28", { proportion: true }); // { message: "28: this is a proportion between 0 and 1: type 0.28 for 28%" }
 * readTyped("0.28", { proportion: true }); // { value: 0.28 }
 * ```
 */
export function readTyped(text: string, field: TypedField): Typed {
  const t = text.trim();
  if (t === "") return { message: "empty: type a number" };
  const n = Number(t);
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) && Number.isFinite(n)) {
    if (field.proportion === true && n > 1 && n <= 100) {
      return {
        message: `${t}: this is a proportion between 0 and 1: type ${plain(n / 100)} for ${t}%`,
      };
    }
    if (field.integer === true && !Number.isInteger(n)) {
      return { message: `${t}: type a whole number, e.g. ${Math.max(1, Math.round(n))}` };
    }
    return { value: n };
  }
  const digits = t.replace(/[£$€,\s]/g, "").replace(/k$/i, "000");
  const pct = /^([-+]?\d*\.?\d+)%$/.exec(digits);
  if (pct !== null) {
    const p = Number(pct[1]);
    return {
      message:
        field.proportion === true
          ? `${t}: this is a proportion between 0 and 1: type ${plain(p / 100)} for ${pct[1]}%`
          : `${t}: type the number without %, e.g. ${plain(p)}`,
    };
  }
  const money = Number(digits);
  if (digits !== "" && Number.isFinite(money) && /^[-+]?[\d.]+(e[-+]?\d+)?$/i.test(digits)) {
    return {
      message: `${t}: type ${plain(money)} (digits only, without a currency sign or commas)`,
    };
  }
  return {
    message: `"${t}" is not a number: type digits only, e.g. ${field.proportion === true ? "0.28" : "41000"}`,
  };
}

/**
 * A strict RFC 4180 CSV reader for tests: fields separated by commas, records ended by a line
 * break (CRLF or LF, the one ceakit writes), a quoted field may hold commas, quotes (doubled) and
 * line breaks; a quote anywhere else, text after a closing quote, a missing final line break or
 * records of different lengths are errors. Returns the header and the records.
 */
export function parseStrictCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0 || !text.endsWith("\n")) throw new Error("CSV: the text must end with a line break");
  while (i < n) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n)
          throw new Error(`CSV: unterminated quoted field in record ${records.length + 1}`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        throw new Error(`CSV: text after a closing quote in record ${records.length + 1}`);
      }
    } else {
      while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        if (text[i] === '"') {
          throw new Error(`CSV: a quote inside an unquoted field in record ${records.length + 1}`);
        }
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text[i] === "\r") {
      if (text[i + 1] !== "\n") throw new Error("CSV: a carriage return without a line feed");
      i++;
    }
    i++; // the line feed
    records.push(record);
    record = [];
  }
  const [header, ...rows] = records;
  if (header === undefined) throw new Error("CSV: no header");
  rows.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new Error(`CSV: record ${k + 2} has ${r.length} fields, the header ${header.length}`);
    }
  });
  return { header, rows };
}

/** A number as R's read.csv and a spreadsheet read it: digits, a point, an exponent; no £ or commas. */
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Whether a CSV field is a finite number written plainly, or empty (missing). */
export function isNumericField(field: string): boolean {
  return field === "" || (PLAIN_NUMBER.test(field) && Number.isFinite(Number(field)));
}

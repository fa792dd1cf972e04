import { describe, expect, it } from "vitest";
import { detectDelimiter, InputDataError } from "../src/index.js";
import { parseDelimited } from "../src/read/delimited.js";

function rowsOf(text: string, chunkChars?: number): { header: string[]; rows: [number, string[]][] } {
  const out: { header: string[]; rows: [number, string[]][] } = { header: [], rows: [] };
  parseDelimited(text, { file: "t.csv", chunkChars }, (header) => {
    out.header = header;
    return (fields, row) => out.rows.push([row, fields]);
  });
  return out;
}

describe("parseDelimited", () => {
  const text = '# SIMULATED\na,b\n1,"x\ny"\n2,"say ""hi"""\n\n3,z\n4,"w,\n\nv"\n5,end\n';

  it("reads quotes with embedded line breaks, escaped quotes, comments and blank lines", () => {
    expect(rowsOf(text)).toEqual({
      header: ["a", "b"],
      rows: [
        [2, ["1", "x\ny"]],
        [3, ["2", 'say "hi"']],
        [4, ["3", "z"]],
        [5, ["4", "w,\n\nv"]],
        [6, ["5", "end"]],
      ],
    });
  });

  it("reads CRLF line ends", () => {
    expect(rowsOf("a,b\r\n1,2\r\n3,4\r\n").rows).toEqual([
      [2, ["1", "2"]],
      [3, ["3", "4"]],
    ]);
  });

  it("gives the same rows whatever the chunk size (chunks never split a quoted field)", () => {
    const whole = rowsOf(text);
    for (const size of [1, 2, 3, 5, 8, 13]) expect(rowsOf(text, size), `chunk ${size}`).toEqual(whole);
  });

  it("with `lines`, gives the text line where each row starts, whatever the chunk size", () => {
    // text: line 1 comment, 2 header, 3-4 row 2, 5 row 3, 6 blank, 7 row 4, 8-10 row 5, 11 row 6.
    for (const size of [1, 2, 3, 5, 8, 13, 1 << 22]) {
      const seen: [number, number | null][] = [];
      let headerLine: number | null = null;
      parseDelimited(text, { file: "t.csv", chunkChars: size, lines: true }, (_, line) => {
        headerLine = line;
        return (_fields, row, rowLine) => seen.push([row, rowLine]);
      });
      expect(headerLine, `chunk ${size}`).toBe(2);
      expect(seen, `chunk ${size}`).toEqual([[2, 3], [3, 5], [4, 7], [5, 8], [6, 11]]);
    }
  });

  it("names the line where quoting breaks", () => {
    expect(() => rowsOf('a,b\n1,2\n3,"open\n')).toThrow(InputDataError);
    expect(() => rowsOf('a,b\n1,2\n3,"open\n')).toThrow(/t\.csv: cannot parse the file at line 3: Quote Not Closed/);
  });

  it("detects the delimiter from the header outside quotes", () => {
    expect(detectDelimiter("a;b;c\n1;2;3")).toBe(";");
    expect(detectDelimiter("\uFEFF# c\na\tb\n")).toBe("\t");
    expect(detectDelimiter('"x;y",b,c\n')).toBe(",");
    expect(detectDelimiter("\n\n")).toBeNull();
  });
});

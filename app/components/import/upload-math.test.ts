import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMegabytes, partRanges, uploadPercent, uploadProgressText } from "./upload-math";

const MiB = 1024 * 1024;

describe("partRanges", () => {
  it("slices a file into parts of partSize with the rest in the last part", () => {
    expect(partRanges(40 * MiB, 16 * MiB)).toEqual([
      { partNumber: 1, start: 0, end: 16 * MiB },
      { partNumber: 2, start: 16 * MiB, end: 32 * MiB },
      { partNumber: 3, start: 32 * MiB, end: 40 * MiB },
    ]);
  });

  it("gives one part for a file no larger than a part", () => {
    expect(partRanges(5, 16 * MiB)).toEqual([{ partNumber: 1, start: 0, end: 5 }]);
    expect(partRanges(16 * MiB, 16 * MiB)).toEqual([{ partNumber: 1, start: 0, end: 16 * MiB }]);
  });

  it("returns only the parts asked for, to resume an upload", () => {
    expect(partRanges(40 * MiB, 16 * MiB, [3, 1])).toEqual([
      { partNumber: 3, start: 32 * MiB, end: 40 * MiB },
      { partNumber: 1, start: 0, end: 16 * MiB },
    ]);
  });

  it("refuses part numbers the file does not have and sizes that make no sense", () => {
    expect(() => partRanges(40, 16, [4])).toThrow(/part 4 is outside a 3-part upload/);
    expect(() => partRanges(40, 16, [0])).toThrow(RangeError);
    expect(() => partRanges(0, 16)).toThrow(RangeError);
    expect(() => partRanges(40, 0)).toThrow(RangeError);
  });

  it("covers every byte exactly once, in order, for any size and part size", () => {
    fc.assert(
      // Part sizes from 1 byte to twice the file, at most 500 parts per case.
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (size, scale) => {
        const partSize = Math.max(Math.ceil(size / 500), Math.round(scale * 2 * size), 1);
        const ranges = partRanges(size, partSize);
        return (
          ranges[0]?.start === 0 &&
          ranges.at(-1)?.end === size &&
          ranges.every(
            (range, index) =>
              range.partNumber === index + 1 &&
              range.end > range.start &&
              (index === 0 || range.start === ranges[index - 1]?.end) &&
              (index === ranges.length - 1 || range.end - range.start === partSize),
          )
        );
      }),
    );
  });
});

describe("progress", () => {
  it("rounds the percentage down, so 100% means every byte arrived", () => {
    expect(uploadPercent(0, 100)).toBe(0);
    expect(uploadPercent(34.9, 100)).toBe(34);
    expect(uploadPercent(999_999, 1_000_000)).toBe(99);
    expect(uploadPercent(1_000_000, 1_000_000)).toBe(100);
  });

  it("clamps progress events that overshoot or undershoot, and an empty total", () => {
    expect(uploadPercent(120, 100)).toBe(100);
    expect(uploadPercent(-5, 100)).toBe(0);
    expect(uploadPercent(0, 0)).toBe(0);
  });

  it("formats megabytes with one decimal, dropping a trailing .0", () => {
    expect(formatMegabytes(12.3 * MiB)).toBe("12.3");
    expect(formatMegabytes(36 * MiB)).toBe("36");
    expect(formatMegabytes(0.2 * MiB)).toBe("0.2");
    expect(formatMegabytes(0)).toBe("0");
  });

  it("says percent, bytes sent and size in one line", () => {
    expect(uploadProgressText(12.3 * MiB, 36 * MiB)).toBe("34% · 12.3 of 36 MiB");
    expect(uploadProgressText(36 * MiB, 36 * MiB)).toBe("100% · 36 of 36 MiB");
    expect(uploadProgressText(0, 224_044)).toBe("0% · 0 of 0.2 MiB");
  });
});

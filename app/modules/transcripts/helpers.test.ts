import { describe, expect, it } from "vitest";
import { toIsoInstant } from "./build";
import { decodeEntities, htmlToText } from "./html";
import { locateJsonError } from "./json";
import { roleFromName, SpeakerBook } from "./speakers";
import { repairMojibake } from "./text";

describe("locateJsonError", () => {
  it("finds where and why JSON breaks", () => {
    expect(locateJsonError('{"a": }')).toEqual({ offset: 6, why: 'unexpected "}"' });
    expect(locateJsonError('{"a": 1')).toEqual({ offset: 7, why: 'expected "," or "}", found the end of the file' });
    expect(locateJsonError('{"a": "x\ny"}')).toEqual({ offset: 8, why: "a line break or control character inside a string" });
    expect(locateJsonError("{a: 1}")).toEqual({ offset: 1, why: 'expected a double-quoted property name, found "a"' });
    expect(locateJsonError('{"a": [1, 2]}')).toBeNull();
  });
});

describe("roles", () => {
  it("reads roles from names", () => {
    expect(["Agent", "AGENT", "agent_2", "Rep", "bot", "SYSTEM", "admin"].map(roleFromName)).toEqual(Array(7).fill("agent"));
    expect(["Customer", "caller", "USER", "end-user", "Client 1", "visitor"].map(roleFromName)).toEqual(Array(6).fill("customer"));
    expect(roleFromName("Dana")).toBeUndefined();
  });

  it("guesses speakers the file says nothing about around the ones it does", () => {
    const book = new SpeakerBook("agent");
    book.add("Customer", { role: "customer" });
    book.add("Dana");
    book.add("Lee");
    const counts = new Map([["Customer", 1], ["Dana", 1], ["Lee", 1]]);
    expect(book.resolve(["Customer", "Dana", "Lee"], counts).speakers.map((s) => s.role)).toEqual(["customer", "agent", "customer"]);
    const calls = new SpeakerBook("agent");
    expect(calls.resolve(["spk_1", "spk_0", "spk_2"], counts).speakers.map((s) => s.role)).toEqual(["agent", "customer", "customer"]);
  });
});

describe("text helpers", () => {
  it("turns HTML bodies into plain text", () => {
    expect(htmlToText("<p>Hi&nbsp;there,</p><p>Two steps:</p><ul><li>One</li><li>Two</li></ul><p>Bye<br>Sam</p><script>x()</script>")).toBe(
      "Hi there,\n\nTwo steps:\n\n- One\n- Two\n\nBye\nSam",
    );
    expect(decodeEntities("&lt;b&gt; &amp;amp; &#233; &#x1F600; &unknown;")).toBe("<b> &amp; é 😀 &unknown;");
  });

  it("repairs Latin-1 mojibake only where C1 controls show it", () => {
    expect(repairMojibake("caf\u00c3\u00a9 \u00e2\u0080\u0094")).toBe("caf\u00c3\u00a9 —");
    expect(repairMojibake("Ã© is fine here")).toBe("Ã© is fine here");
  });

  it("reads timestamps as UTC instants", () => {
    expect(toIsoInstant("2024-05-02T10:15:03+02:00")).toBe("2024-05-02T08:15:03.000Z");
    expect(toIsoInstant("2024-05-02 10:15")).toBe("2024-05-02T10:15:00.000Z");
    expect(toIsoInstant(1714644000)).toBe("2024-05-02T10:00:00.000Z");
    expect(toIsoInstant(1714644000123)).toBe("2024-05-02T10:00:00.123Z");
    expect(toIsoInstant("2024-02-30T10:00:00Z")).toBeUndefined();
    expect(toIsoInstant("02/05/2024")).toBeUndefined();
  });
});

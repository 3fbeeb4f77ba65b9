// Parse raw messages with two third-party parsers (nodemailer's mailparser, postal-mime), not Python's email.
// Usage: node parse.mjs FILE... ; prints one JSON object per file, in order, as a JSON array.
import { readFile } from "node:fs/promises";
import { simpleParser } from "mailparser";
import PostalMime from "postal-mime";

const results = [];
for (const path of process.argv.slice(2)) {
  const raw = await readFile(path);
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const list = parsed.headers.get("list") || {};
  const postal = await PostalMime.parse(raw);
  results.push({
    mailparser: {
      list,
      messageId: parsed.messageId || null,
      date: parsed.date ? parsed.date.toISOString() : null,
      subject: parsed.subject || null,
      from: parsed.from ? parsed.from.value : null,
      to: parsed.to ? parsed.to.value : null,
      text: parsed.text || null,
      html: parsed.html || null,
    },
    postal: {
      headers: postal.headers,
      messageId: postal.messageId || null,
      date: postal.date || null,
      subject: postal.subject || null,
      text: postal.text || null,
      html: postal.html || null,
    },
  });
}
process.stdout.write(JSON.stringify(results));

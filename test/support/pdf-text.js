// Reads a PDF on stdin and prints its text as JSON: { text, pages, info }. Run as its own Node
// process because pdf.js loads its worker with a dynamic import, which jest's module sandbox
// refuses.
'use strict';
const { PDFParse } = require('pdf-parse');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    process.stdout.write(
      JSON.stringify({ text: text.text, pages: text.pages.map((page) => page.text), info: info.info }),
    );
  } finally {
    await parser.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});

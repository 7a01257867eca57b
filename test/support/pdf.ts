import { execFile } from 'node:child_process';
import path from 'node:path';

export interface PdfText {
  /** All text, page after page, in content order (a wrapped cell's lines one after another). */
  text: string;
  pages: string[];
  /** The document information dictionary (Title, Author, CreationDate, …). */
  info: Record<string, unknown>;
}

/**
 * A PDF's text and metadata as a reader extracts them (pdf.js, through pdf-parse). pdf.js loads
 * its worker with a dynamic import, which jest's module sandbox refuses, so it runs in a Node
 * process of its own (`pdf-text.js`).
 */
export function pdfText(pdf: Buffer | ArrayBuffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'pdf-text.js')],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout))),
    );
    child.stdin!.end(Buffer.isBuffer(pdf) ? pdf : Buffer.from(pdf));
  });
}

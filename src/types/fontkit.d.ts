// fontkit ships no type declarations; this is the part ceu-ledger uses.
declare module 'fontkit' {
  /** A parsed font. pdfkit accepts one wherever it accepts a font file. */
  export interface Font {
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

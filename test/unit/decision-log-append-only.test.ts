import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('decision log', () => {
  it('is append-only: no code path updates, deletes or upserts a decision-log row', () => {
    const offenders = sources(path.resolve(__dirname, '../../src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file: path.relative(process.cwd(), file), line: i + 1, text: line.trim() }))
        .filter(
          ({ text }) =>
            /\.(update|delete|remove|softDelete|upsert|save|increment|decrement|clear)\(\s*DecisionLogEntry\b/.test(
              text,
            ) || /\b(UPDATE|DELETE FROM)\s+"?decision_log_entry/i.test(text),
        ),
    );
    expect(offenders).toEqual([]);
  });

  it('is written only through DecisionLogService.record (inserts)', () => {
    const writers = sources(path.resolve(__dirname, '../../src'))
      .filter((file) => /insert\(\s*DecisionLogEntry\b/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(path.resolve(__dirname, '../..'), file));
    // The service writes live decisions; the demo seed writes the history of its demo decisions.
    expect(writers.sort()).toEqual(['src/modules/decision-log/decision-log.service.ts', 'src/seed/demo.ts']);
  });
});

// Compiles the project only when a build input is newer than the last build, so that commands
// which run a compiled script (`npm run token`) answer at once when dist/ is current. Plain
// JavaScript, run before anything is compiled: it must not need a build itself.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
/** Written by every build (tsBuildInfoFile in tsconfig.build.json); its time is the last build's. */
const stamp = path.join(root, 'dist', '.tsbuildinfo');
const INPUT_DIRS = ['src', 'scripts', 'migrations', 'bench'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time under `dir`, in ms (0 when it does not exist). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'results' && !entry.name.startsWith('.')) latest = Math.max(latest, newest(full));
    } else if (/\.(ts|json)$/.test(entry.name)) {
      latest = Math.max(latest, statSync(full).mtimeMs);
    }
  }
  return latest;
}

function stale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const inputs = Math.max(
    ...INPUT_DIRS.map((dir) => (existsSync(path.join(root, dir)) ? newest(path.join(root, dir)) : 0)),
    ...INPUT_FILES.map((file) => statSync(path.join(root, file)).mtimeMs),
  );
  return inputs > built;
}

if (stale()) {
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // An incremental build with nothing to emit leaves the stamp as it was: mark this check as done.
  const now = new Date();
  utimesSync(stamp, now, now);
}

// Runs the project's Python (the .venv that training/setup-venv.sh creates) with the given args.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const python = process.platform === 'win32' ? '.venv/Scripts/python.exe' : '.venv/bin/python';
if (!existsSync(python)) {
  console.error(`No Python environment at ${python}. Create it with: npm run setup:py`);
  process.exit(1);
}
const { status } = spawnSync(python, process.argv.slice(2), { stdio: 'inherit' });
process.exit(status ?? 1);

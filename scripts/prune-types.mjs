// Build step: removes the declaration files no export reaches, so the package ships only the
// types its users can see.
import { readFileSync, rmSync } from 'node:fs';
import { unreachableTypes } from './lib/types.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
for (const file of unreachableTypes(pkg)) rmSync(file);
